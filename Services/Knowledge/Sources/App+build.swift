import Configuration
import ServiceKit

/// The knowledge service. The trilingual library of manuals, guides, brochures, videos and assessment reports.
public enum KnowledgeService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "knowledge",
        defaultPort: 8085,
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
