import ServiceKit

/// The media-partners service. Partner media outlets and journalists, agreements, monitored publications, the content plan.
public enum MediaPartnersService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "media-partners",
        defaultPort: 8083,
        migrations: [ReferenceDataMigrations.regions]
    )
}
