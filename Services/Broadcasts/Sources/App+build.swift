import Configuration
import ServiceKit

/// The broadcasts service. Live broadcasts with the Ombudsman and experts: schedule, guests, the live question queue.
public enum BroadcastsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "broadcasts",
        defaultPort: 8084,
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
