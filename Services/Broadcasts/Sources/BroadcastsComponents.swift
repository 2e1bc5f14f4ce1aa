import Foundation
import Models
import ServiceKit

/// Everything the broadcasts controllers use, built once from ``ServiceDependencies``: one repository per
/// table group and the workflow. Controllers take what they need from here and never hold one another.
struct BroadcastsComponents: Sendable {
    /// The time now (history, announcement); the dependencies' clock, so tests can move it.
    let now: @Sendable () -> Date
    let idempotency: IdempotencyMiddleware
    let shows: ShowRepository
    let episodes: EpisodeRepository
    let guests: GuestRepository
    let history: EpisodeHistoryRepository
    let workflow: EpisodeWorkflow
    let questionSecrets: QuestionSecrets
    let questionRepository: QuestionRepository
    let questionHistory: QuestionHistoryRepository
    let questionFeed: QuestionChangeFeed
    let liveSignal: LiveSignal
    let liveReads: LiveReads
    let questions: QuestionWorkflow
    let answers: AnswerWorkflow

    init(_ dependencies: ServiceDependencies) throws {
        let database = dependencies.database
        now = dependencies.now
        idempotency = dependencies.idempotency
        shows = ShowRepository(database: database)
        episodes = EpisodeRepository(database: database)
        guests = GuestRepository(database: database)
        history = EpisodeHistoryRepository(database: database)
        workflow = EpisodeWorkflow(episodes: episodes, shows: shows, guests: guests, history: history, now: now)
        questionSecrets = try QuestionSecrets(reader: dependencies.reader)
        questionRepository = QuestionRepository(database: database, cipher: questionSecrets.cipher)
        questionHistory = QuestionHistoryRepository(database: database)
        questionFeed = QuestionChangeFeed(database: database)
        liveSignal = LiveSignal()
        liveReads = LiveReads(feed: questionFeed, questions: questionRepository, history: questionHistory, episodes: episodes, signal: liveSignal)
        questions = QuestionWorkflow(
            questions: questionRepository, history: questionHistory, feed: questionFeed, episodes: workflow, secrets: questionSecrets,
            appeals: AppealSummaries(client: dependencies.serviceClient), signal: liveSignal, now: now)
        answers = AnswerWorkflow(
            answers: AnswerRepository(database: database), history: AnswerHistoryRepository(database: database), questions: questionRepository,
            guests: guests, shows: shows, episodes: workflow,
            facts: AnswerFacts(outbox: dependencies.outbox) { ServiceCatalog.receivers(of: $0) }, now: now)
    }
}
