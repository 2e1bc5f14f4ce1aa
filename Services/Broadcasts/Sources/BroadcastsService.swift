import Models
import ServiceKit

/// The broadcasts service. Live broadcasts with the Ombudsman and experts: schedule, guests, the live question queue.
public enum BroadcastsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.broadcasts,
        migrations: [ReferenceDataMigrations.regions]
    )
}
