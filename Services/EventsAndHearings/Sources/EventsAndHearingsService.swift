import Models
import ServiceKit

/// The events-and-hearings service. Public platforms, hearings, forums and conferences: the events, their
/// states and agendas, who may run and read them.
public enum EventsAndHearingsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.eventsAndHearings,
        migrations: EventsMigrations.all,
        openAPIResource: PackageResources.openapi_json,
        generatedSecrets: [
            GeneratedSecret(setting: RegistrationSecrets.encryptionKeysSetting, fileName: "events-encryption") { "local1:" + $0 },
            GeneratedSecret(setting: RegistrationSecrets.registrationKeySetting, fileName: "events-registration"),
        ],
        registerRoutes: { router, dependencies in
            registerRoutes(on: router, try EventsComponents(dependencies))
        }
    )

    /// Every route of the service, one controller per aggregate.
    static func registerRoutes(on router: ServiceRouter, _ components: EventsComponents) {
        AgendaController(components).register(on: router)
        SeriesController(components).register(on: router)
        EventController(components).register(on: router)
        RegistrationController(components).register(on: router)
        InvitationController(components).register(on: router)
        AttendanceController(components).register(on: router)
    }
}
