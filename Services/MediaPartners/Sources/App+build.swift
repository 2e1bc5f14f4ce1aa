import Configuration
import ServiceKit

/// The media-partners service. Partner media outlets and journalists, agreements, monitored publications, the content plan.
public enum MediaPartnersService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "media-partners",
        defaultPort: 8083,
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
