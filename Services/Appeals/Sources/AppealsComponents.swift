import Foundation
import Models
import ServiceKit

/// Everything the appeals controllers use, built once from ``ServiceDependencies``: the settings, one
/// repository per table group, the intake and the workflow. Controllers take what they need from here and
/// never hold one another.
struct AppealsComponents: Sendable {
    let settings: AppealsSettings
    /// The time now (receipt, deadlines, overdue); the dependencies' clock, so tests can move it.
    let now: @Sendable () -> Date
    let idempotency: IdempotencyMiddleware
    let appeals: AppealRepository
    let history: HistoryRepository
    let records: CaseRecordRepository
    let thesaurus: ThesaurusRepository
    let publications: PublicationRepository
    let statistics: StatisticsRepository
    let indicators: IndicatorRepository
    /// The public list of published appeals, kept encoded; the workflow empties it on every change.
    let publishedPages: EncodedResponseCache
    let intake: AppealIntake
    let workflow: AppealWorkflow
    let presenter: AppealPresenter

    init(_ dependencies: ServiceDependencies, factReceivers: @escaping @Sendable (_ messageType: String) -> [String]) throws {
        let database = dependencies.database
        settings = try AppealsSettings(reader: dependencies.reader)
        now = dependencies.now
        idempotency = dependencies.idempotency
        appeals = AppealRepository(database: database, cipher: settings.cipher)
        history = HistoryRepository(database: database)
        records = CaseRecordRepository(database: database)
        thesaurus = ThesaurusRepository(database: database)
        publications = PublicationRepository(database: database)
        statistics = StatisticsRepository(database: database)
        indicators = IndicatorRepository(database: database)
        publishedPages = EncodedResponseCache(lifetime: 2)
        intake = AppealIntake(appeals: appeals, history: history, thesaurus: thesaurus, settings: settings, now: now)
        workflow = AppealWorkflow(
            appeals: appeals, history: history, records: records, publications: publications,
            facts: AppealFacts(outbox: dependencies.outbox) { factReceivers($0.rawValue) }, publishedPages: publishedPages, now: now
        )
        presenter = AppealPresenter(publications: publications, now: now)
    }
}
