import Models
import ServiceKit

/// The media-partners service. Partner media outlets and journalists, agreements, monitored publications, the content plan.
public enum MediaPartnersService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.mediaPartners,
        migrations: [ReferenceDataMigrations.regions]
    )
}
