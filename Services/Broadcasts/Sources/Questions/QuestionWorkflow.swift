import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way a question changes: load → access → `If-Match` → mutate → version + 1 → save with its
/// history and its rows in the live feed in one transaction, under the episode's lock.
///
/// Intake (`+Intake`) and moderation (`+Moderation`) are methods on this type; each names the history
/// ``Entry``s it is, and this file saves them. Controllers decide nothing about questions.
struct QuestionWorkflow: Sendable {
    let questions: QuestionRepository
    let history: QuestionHistoryRepository
    let feed: QuestionChangeFeed
    let episodes: EpisodeWorkflow
    let secrets: QuestionSecrets
    let appeals: AppealSummaries
    /// Wakes live subscribers on every replica once a change is committed.
    let signal: LiveSignal
    let now: @Sendable () -> Date

    /// One thing that happened to a question, appended to its history; `statements` write what it changed
    /// besides its own row, and `alsoChanged` the other questions the live feed must announce (a merge target).
    struct Entry {
        var action: QuestionHistoryAction
        var from: QuestionState? = nil
        var to: QuestionState? = nil
        var note: String? = nil
        var statements: [SQLQueryString] = []
        var alsoChanged: [UUID] = []
    }

    /// A staff member, the episode of the path and the question as loaded for them.
    struct Authorized {
        let principal: Principal
        let episode: Episode
        let question: Question
    }

    /// The question `questionID` of the episode `episodeID`, for `principal`, whom the controller has checked
    /// is staff; 404 when it is not a question of that episode.
    func authorize(_ principal: Principal, episodeID: UUID?, questionID: UUID?) async throws -> Authorized {
        let episode = try await episodes.load(episodeID, for: .principal(principal))
        guard let questionID, let question = try await questions.find(questionID), question.episodeId == episode.id else {
            throw ServiceError.notFound("question")
        }
        return Authorized(principal: principal, episode: episode, question: question)
    }

    /// Checks `If-Match` against the loaded version, applies `mutate`, and saves the question with its
    /// history entries, their statements and the live feed's rows in one transaction.
    func change(
        _ caller: Authorized, ifMatch request: Request, _ mutate: (inout Question, Date) async throws -> [Entry]
    ) async throws -> Question {
        var question = caller.question
        try request.checkIfMatch(currentETag: question.eTag)
        let now = now()
        let expectedVersion = question.version
        let entries = try await mutate(&question, now)
        question.version += 1
        question.updatedAt = now
        let saved = question
        let actor = caller.principal.subject
        let from = caller.question.episodeId
        try await questions.database.transaction { [questions, history, feed] session in
            // Both episodes when the question moves, in a fixed order so two moves never wait on each other.
            for episode in Set([from, saved.episodeId]).sorted(by: { $0.text < $1.text }) {
                _ = try await questions.lockEpisode(episode, on: session)
            }
            guard try await questions.update(saved, expectedVersion: expectedVersion, on: session) else { throw ServiceError.staleVersion }
            for entry in entries {
                for statement in entry.statements { try await session.raw(statement).run() }
                try await session.raw(
                    history.appendStatement(to: saved, actor: actor, action: entry.action, from: entry.from, to: entry.to, note: entry.note, at: now)
                ).run()
                for other in entry.alsoChanged { try await feed.record(other, in: saved.episodeId, at: now, on: session) }
            }
            if from != saved.episodeId { try await feed.record(saved.id, in: from, at: now, on: session) }
            try await feed.record(saved.id, in: saved.episodeId, at: now, on: session)
        }
        await signal.changed(Set([from, saved.episodeId]))
        return saved
    }
}
