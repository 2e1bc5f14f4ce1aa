import Foundation
import Persistence
import SQLKit

/// The `question_changes` table: one numbered row per change to an episode's questions, written in the
/// transaction of the change (under the episode's lock, so numbers are committed in order). The live stream
/// reads it from the last number a subscriber saw; the number is the event's SSE `id`.
struct QuestionChangeFeed: Sendable {
    let database: Database

    /// One change: which question of which episode, and its number in the episode's feed.
    struct Change: Equatable, Sendable {
        var sequence: Int64
        var questionId: UUID
    }

    /// Records that `questionID` changed, numbered after the episode's last change. Call it under the
    /// episode's lock (``QuestionRepository/lockEpisode(_:on:)``).
    @discardableResult
    func record(_ questionID: UUID, in episodeID: UUID, at now: Date, on session: any SQLDatabase) async throws -> Int64 {
        let row = try await session.raw(
            "SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM question_changes WHERE episode_id = \(bind: episodeID.text)"
        ).first()
        let next = try row?.decode(column: "next", as: Int64.self) ?? 1
        try await session.raw(
            """
            INSERT INTO question_changes (episode_id, sequence, question_id, occurred_at)
            VALUES (\(bind: episodeID.text), \(bind: next), \(bind: questionID.text), \(bind: now.epochMilliseconds))
            """
        ).run()
        return next
    }

    /// The episode's changes after `sequence`, oldest first, at most `limit`.
    func changes(in episodeID: UUID, after sequence: Int64, limit: Int) async throws -> [Change] {
        try await database.sql.raw(
            """
            SELECT sequence, question_id FROM question_changes
            WHERE episode_id = \(bind: episodeID.text) AND sequence > \(bind: sequence)
            ORDER BY sequence LIMIT \(literal: limit)
            """
        ).all().map { Change(sequence: try $0.decode(column: "sequence", as: Int64.self), questionId: try $0.uuid("question_id")) }
    }

    /// The number of the episode's latest change (0 before the first).
    func latest(in episodeID: UUID) async throws -> Int64 {
        let row = try await database.sql.raw(
            "SELECT COALESCE(MAX(sequence), 0) AS latest FROM question_changes WHERE episode_id = \(bind: episodeID.text)"
        ).first()
        return try row?.decode(column: "latest", as: Int64.self) ?? 0
    }
}
