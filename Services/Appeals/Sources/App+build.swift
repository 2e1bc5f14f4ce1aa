import Configuration
import ServiceKit

/// The appeals service. Citizens' appeals about rights infringements: submission, verification, publication, responses.
public enum AppealsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "appeals",
        defaultPort: 8081,
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
