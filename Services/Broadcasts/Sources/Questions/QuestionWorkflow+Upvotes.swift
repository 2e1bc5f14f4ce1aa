import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The public's upvotes: one per question and client (the gateway's client key, stored only as a keyed
/// hash), idempotent. An upvote changes the count, not the question's version, so the public's votes never
/// make a moderator's `If-Match` stale.
extension QuestionWorkflow {
    /// What an upvote answers.
    struct UpvoteResult: Codable, Sendable {
        var questionId: UUID
        var upvotes: Int
        /// `false` when this client had upvoted the question already.
        var counted: Bool
    }

    /// Counts `client`'s upvote of `questionID`, which `identity` must be able to see on the public wall.
    func upvote(_ questionID: UUID, client: String, by identity: Identity) async throws -> UpvoteResult {
        guard let question = try await questions.find(questionID) else { throw ServiceError.notFound("question") }
        let episode = try await episodes.load(question.episodeId, for: identity)
        guard question.state.isPublic(in: episode.details.moderationMode) else { throw ServiceError.notFound("question") }
        let hash = secrets.clientHash(client)
        let now = now()
        let result = try await questions.database.transaction { [questions, feed] session -> UpvoteResult in
            _ = try await questions.lockEpisode(question.episodeId, on: session)
            let inserted = try await session.raw(
                """
                INSERT INTO question_upvotes (question_id, client_hash, created_at)
                VALUES (\(bind: question.id.text), \(bind: hash), \(bind: now.epochMilliseconds))
                ON CONFLICT DO NOTHING RETURNING question_id
                """
            ).all()
            if !inserted.isEmpty {
                try await session.raw("UPDATE questions SET upvotes = upvotes + 1 WHERE id = \(bind: question.id.text)").run()
                try await feed.record(question.id, in: question.episodeId, at: now, on: session)
            }
            let count = try await questions.find(question.id, on: session)?.upvotes ?? question.upvotes
            return UpvoteResult(questionId: question.id, upvotes: count, counted: !inserted.isEmpty)
        }
        if result.counted { await signal.changed([question.episodeId]) }
        return result
    }
}
