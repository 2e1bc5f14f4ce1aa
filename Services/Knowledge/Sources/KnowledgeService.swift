import Models
import ServiceKit

/// The knowledge service. The trilingual library of manuals, guides, brochures, videos and assessment reports.
public enum KnowledgeService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.knowledge,
        migrations: [ReferenceDataMigrations.regions]
    )
}
