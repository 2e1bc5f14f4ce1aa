import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores the answer log: the only code that knows the `answers` table. Writes run on the session of the
/// workflow's transaction, with the history (and outbox) rows of the change.
struct AnswerRepository: Sendable {
    let database: Database

    func insert(_ answer: Answer, on session: any SQLDatabase) async throws {
        let details = answer.details
        try await session.raw(
            """
            INSERT INTO answers (
                id, episode_id, question_id, start_second, end_second, guest_id, summary, legal_references, advice_type,
                follow_up_owner, follow_up_due_on, review_status, approved_at, created_by_subject, created_at, updated_at, version
            ) VALUES (
                \(bind: answer.id.text), \(bind: answer.episodeId.text), \(bind: answer.questionId.text), \(bind: details.startSecond),
                \(bind: details.endSecond), \(bind: details.guestId.text), \(bind: try StoredJSON.text(details.summary)),
                \(bind: try StoredJSON.text(details.legalReferences)), \(bind: details.adviceType.rawValue), \(bind: details.followUpOwner),
                \(bind: details.followUpDueOn), \(bind: answer.reviewStatus.rawValue), \(bind: answer.approvedAt?.epochMilliseconds),
                \(bind: answer.createdBySubject), \(bind: answer.createdAt.epochMilliseconds), \(bind: answer.updatedAt.epochMilliseconds),
                \(bind: answer.version)
            )
            """
        ).run()
    }

    /// Saves `answer` if it is still at `expectedVersion`.
    func update(_ answer: Answer, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let details = answer.details
        let updated = try await session.raw(
            """
            UPDATE answers SET
                start_second = \(bind: details.startSecond), end_second = \(bind: details.endSecond), guest_id = \(bind: details.guestId.text),
                summary = \(bind: try StoredJSON.text(details.summary)), legal_references = \(bind: try StoredJSON.text(details.legalReferences)),
                advice_type = \(bind: details.adviceType.rawValue), follow_up_owner = \(bind: details.followUpOwner),
                follow_up_due_on = \(bind: details.followUpDueOn), review_status = \(bind: answer.reviewStatus.rawValue),
                approved_at = \(bind: answer.approvedAt?.epochMilliseconds), updated_at = \(bind: answer.updatedAt.epochMilliseconds),
                version = \(bind: answer.version)
            WHERE id = \(bind: answer.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    func find(_ id: UUID) async throws -> Answer? {
        try await database.sql.raw("SELECT * FROM answers WHERE id = \(bind: id.text)").first().map(answer)
    }

    /// Whether the question already has an entry in the episode's log.
    func exists(question questionID: UUID, episode episodeID: UUID, on session: any SQLDatabase) async throws -> Bool {
        try await session.raw(
            "SELECT id FROM answers WHERE question_id = \(bind: questionID.text) AND episode_id = \(bind: episodeID.text)"
        ).first() != nil
    }

    /// How many entries the episode's log holds.
    func count(in episodeID: UUID, on session: any SQLDatabase) async throws -> Int {
        let row = try await session.raw("SELECT COUNT(*) AS n FROM answers WHERE episode_id = \(bind: episodeID.text)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The episode's log in the order of the recording, only approved entries unless told.
    func answers(in episodeID: UUID, approvedOnly: Bool) async throws -> [Answer] {
        var query = SQLQueryString("SELECT * FROM answers WHERE episode_id = \(bind: episodeID.text)")
        if approvedOnly { query += " AND review_status = \(bind: ReviewStatus.approved.rawValue)" }
        query += " ORDER BY start_second, id"
        return try await database.sql.raw(query).all().map(answer)
    }

    func answer(_ row: any SQLRow) throws -> Answer {
        let details = AnswerDetails(
            startSecond: try row.decode(column: "start_second", as: Int.self), endSecond: try row.decode(column: "end_second", as: Int.self),
            guestId: try row.uuid("guest_id"), summary: try StoredJSON.decode(LocalizedText.self, try row.decode(column: "summary", as: String.self)),
            legalReferences: try StoredJSON.decode([LegalReference].self, try row.decode(column: "legal_references", as: String.self)),
            adviceType: try row.enumeration("advice_type"), followUpOwner: try row.decode(column: "follow_up_owner", as: String?.self),
            followUpDueOn: try row.decode(column: "follow_up_due_on", as: String?.self))
        return Answer(
            id: try row.uuid("id"), episodeId: try row.uuid("episode_id"), questionId: try row.uuid("question_id"), details: details,
            reviewStatus: try row.enumeration("review_status"), approvedAt: try row.optionalDate("approved_at"),
            createdBySubject: try row.decode(column: "created_by_subject", as: String.self), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"), version: try row.decode(column: "version", as: Int.self))
    }
}
