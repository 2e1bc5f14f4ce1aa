import Models
import ServiceKit

/// The appeals service. Citizens' appeals about rights infringements: submission, verification, publication, responses.
public enum AppealsService {
    /// The service's name, port, migrations and routes; its facts go to the services the catalog says receive them.
    public static let definition = definition { ServiceCatalog.receivers(of: $0) }

    /// The service, with its facts sent to the services `factReceivers` names for each message type (tests
    /// point them at a receiver of their own).
    public static func definition(factReceivers: @escaping @Sendable (_ messageType: String) -> [String]) -> ServiceDefinition {
        ServiceDefinition(
            service: ServiceCatalog.appeals,
            migrations: AppealsMigrations.all,
            openAPIResource: PackageResources.openapi_json,
            // Local runs and tests seal with a generated key named `local1`; deployments name and rotate their own.
            generatedSecrets: [
                GeneratedSecret(setting: "appeals.encryption.keys", fileName: "appeals-encryption") { "local1:" + $0 },
                GeneratedSecret(setting: "appeals.tracking.key", fileName: "appeals-tracking"),
            ],
            registerRoutes: { router, dependencies in
                registerRoutes(on: router, try AppealsComponents(dependencies, factReceivers: factReceivers))
            },
            afterMigrations: sealDemographics
        )
    }

    /// Every route of the service, one controller per aggregate.
    static func registerRoutes(on router: ServiceRouter, _ components: AppealsComponents) {
        ThesaurusController(thesaurus: components.thesaurus, now: components.now).register(on: router)
        TrackingController(components).register(on: router)
        Open311Controller(components).register(on: router)
        PublicationController(components).register(on: router)
        StatisticsController(statistics: components.statistics, now: components.now).register(on: router)
        IndicatorController(indicators: components.indicators, snapshots: IndicatorSnapshots(now: components.now), now: components.now).register(on: router)
        CaseRecordController(components).register(on: router)
        PublicSummaryController(components).register(on: router)
        AppealController(components).register(on: router)
        InboxRoutes(database: components.appeals.database, handlers: [OnAirAnswer.inboxHandler(components.workflow)]).register(on: router)
    }

    /// Seals what the first schema kept in plain columns; it needs the encryption key, which migrations do not get.
    static func sealDemographics(_ dependencies: ServiceDependencies) async throws {
        let settings = try AppealsSettings(reader: dependencies.reader)
        try await DemographicsSealing(database: dependencies.database, cipher: settings.cipher).run(logger: dependencies.logger)
    }
}
