import Models
import ServiceKit

/// The broadcasts service. Live broadcasts with the Ombudsman and experts: shows, their episodes and
/// states, the guests on air, who may run and read them.
public enum BroadcastsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.broadcasts,
        migrations: BroadcastsMigrations.all,
        openAPIResource: PackageResources.openapi_json,
        registerRoutes: { router, dependencies in
            registerRoutes(on: router, BroadcastsComponents(dependencies))
        }
    )

    /// Every route of the service, one controller per aggregate.
    static func registerRoutes(on router: ServiceRouter, _ components: BroadcastsComponents) {
        ShowController(components).register(on: router)
        GuestController(components).register(on: router)
        EpisodeController(components).register(on: router)
        ScheduleController(components).register(on: router)
        BroadcastIndicatorController(components).register(on: router)
    }
}
