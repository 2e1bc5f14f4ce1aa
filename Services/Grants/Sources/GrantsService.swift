import Models
import ServiceKit

/// The grants service. Mini-grants and competitions: calls, applications, scoring, awards, tranches, reports.
public enum GrantsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.grants,
        migrations: [ReferenceDataMigrations.regions]
    )
}
