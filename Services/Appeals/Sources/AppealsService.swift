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
                let settings = try AppealsSettings(reader: dependencies.reader)
                let database = dependencies.database
                let appeals = AppealRepository(database: database, cipher: settings.cipher)
                let history = HistoryRepository(database: database)
                let records = CaseRecordRepository(database: database)
                let thesaurus = ThesaurusRepository(database: database)
                ThesaurusRoutes(thesaurus: thesaurus).register(on: router)
                let submissions = SubmissionRoutes(appeals: appeals, history: history, records: records, thesaurus: thesaurus, settings: settings,
                                                   idempotency: dependencies.idempotency, now: dependencies.now)
                submissions.register(on: router)
                let publications = PublicationRepository(database: database)
                Open311Routes(submissions: submissions, thesaurus: thesaurus, publications: publications, records: records).register(on: router)
                let cases = CaseRoutes(appeals: appeals, history: history, records: records, thesaurus: thesaurus, publications: publications,
                                       settings: settings, now: dependencies.now,
                                       facts: AppealFacts(outbox: dependencies.outbox) { factReceivers($0.rawValue) })
                PublicationRoutes(cases: cases, publications: publications, records: records).register(on: router)
                StatisticsRoutes(database: database, now: dependencies.now).register(on: router)
                IndicatorRoutes(database: database, now: dependencies.now).register(on: router)
                cases.register(on: router)
            },
            afterMigrations: { dependencies in
                let settings = try AppealsSettings(reader: dependencies.reader)
                try await DemographicsSealing(database: dependencies.database, cipher: settings.cipher).run(logger: dependencies.logger)
            }
        )
    }
}
