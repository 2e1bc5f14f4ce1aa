import Configuration
import ServiceKit

/// The grants service. Mini-grants and competitions: calls, applications, scoring, awards, tranches, reports.
public enum GrantsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "grants",
        defaultPort: 8086,
        migrations: [ReferenceDataMigrations.regions]
    )

    /// Builds the service from configuration; see ``ServiceInstance/build(_:reader:onServerRunning:)``.
    public static func buildApplication(
        reader: ConfigReader,
        onServerRunning: (@Sendable (Int) async -> Void)? = nil
    ) async throws -> ServiceInstance {
        try await ServiceInstance.build(definition, reader: reader, onServerRunning: onServerRunning)
    }
}
