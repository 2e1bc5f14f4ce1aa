import Foundation
import Models
import Persistence
import SQLKit

/// What one entry of a question's history records.
enum QuestionHistoryAction: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Sent by the public or a partner, or imported from an appeal (the first entry of every question).
    case received
    /// The state changed.
    case transition
    /// The public text or the queue position changed; the note names which.
    case edited
}

/// The append-only history of each question: who moved it when, from which state to which.
struct QuestionHistoryRepository: Sendable {
    let database: Database

    /// One history entry as the API shows it.
    struct Entry: Codable, Equatable, Sendable {
        var id: UUID
        var episodeId: UUID
        var occurredAt: Date
        var actor: String
        var action: QuestionHistoryAction
        var from: QuestionState?
        var to: QuestionState?
        var note: String?
    }

    /// The statement that appends one entry, for writing it in the transaction of the change it records.
    func appendStatement(
        to question: Question, actor: String, action: QuestionHistoryAction, from: QuestionState? = nil, to: QuestionState? = nil,
        note: String? = nil, at now: Date
    ) -> SQLQueryString {
        """
        INSERT INTO question_history (id, question_id, episode_id, occurred_at, actor, action, from_state, to_state, note)
        VALUES (\(bind: UUID.v7(at: now).text), \(bind: question.id.text), \(bind: question.episodeId.text), \(bind: now.epochMilliseconds),
                \(bind: actor), \(bind: action.rawValue), \(bind: from?.rawValue), \(bind: to?.rawValue), \(bind: note))
        """
    }

    /// The whole history, oldest first.
    func entries(for questionID: UUID) async throws -> [Entry] {
        try await database.sql.raw(
            "SELECT * FROM question_history WHERE question_id = \(bind: questionID.text) ORDER BY occurred_at, id"
        ).all().map { row in
            Entry(
                id: try row.uuid("id"), episodeId: try row.uuid("episode_id"), occurredAt: try row.date("occurred_at"),
                actor: try row.decode(column: "actor", as: String.self), action: try row.enumeration("action"),
                from: try row.decode(column: "from_state", as: String?.self).flatMap(QuestionState.init(rawValue:)),
                to: try row.decode(column: "to_state", as: String?.self).flatMap(QuestionState.init(rawValue:)),
                note: try row.decode(column: "note", as: String?.self))
        }
    }

    /// Those of `ids` that were approved at some point: on a strictly moderated episode, the only ones the
    /// public may have seen.
    func everApproved(_ ids: Set<UUID>) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.sql.raw(
            """
            SELECT DISTINCT question_id FROM question_history
            WHERE question_id IN (\(binds: ids.map(\.text))) AND to_state = \(bind: QuestionState.approved.rawValue)
            """
        ).all()
        return Set(try rows.map { try $0.uuid("question_id") })
    }
}
