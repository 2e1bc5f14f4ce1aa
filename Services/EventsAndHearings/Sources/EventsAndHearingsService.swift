import Models
import ServiceKit

/// The events-and-hearings service. Public platforms, hearings, forums and conferences: the events, their
/// states and agendas, who may run and read them.
public enum EventsAndHearingsService {
    /// The service's name, port, migrations and routes; its facts go to the services the catalog says receive them.
    public static let definition = definition { ServiceCatalog.receivers(of: $0) }

    /// The service, with its facts sent to the services `factReceivers` names for each message type (tests
    /// point them at a receiver of their own), checking organisation IDs against `organizations` (the gateway's
    /// directory; tests without a gateway give one they fill).
    public static func definition(
        factReceivers: @escaping @Sendable (_ messageType: String) -> [String], organizations: OrganizationSource = .gateway
    ) -> ServiceDefinition {
        ServiceDefinition(
            service: ServiceCatalog.eventsAndHearings,
            migrations: EventsMigrations.all,
            openAPIResource: PackageResources.openapi_json,
            generatedSecrets: [
                GeneratedSecret(setting: RegistrationSecrets.encryptionKeysSetting, fileName: "events-encryption") { "local1:" + $0 },
                GeneratedSecret(setting: RegistrationSecrets.registrationKeySetting, fileName: "events-registration"),
            ],
            registerRoutes: { router, dependencies in
                registerRoutes(on: router, try EventsComponents(dependencies, factReceivers: factReceivers, organizations: organizations))
            }
        )
    }

    /// Every route of the service, one controller per aggregate.
    static func registerRoutes(on router: ServiceRouter, _ components: EventsComponents) {
        AgendaController(components).register(on: router)
        SeriesController(components).register(on: router)
        EventController(components).register(on: router)
        ReportController(components).register(on: router)
        RecommendationController(components).register(on: router)
        ScorecardController(components).register(on: router)
        SubjectRecommendationsController(components).register(on: router)
        CalendarController(components).register(on: router)
        EventIndicatorController(components).register(on: router)
        RegistrationController(components).register(on: router)
        InvitationController(components).register(on: router)
        AttendanceController(components).register(on: router)
    }
}
