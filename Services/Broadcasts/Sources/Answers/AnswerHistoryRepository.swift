import Foundation
import Models
import Persistence
import SQLKit

/// What one entry of an answer's history records: the `action` of each entry on the wire.
enum AnswerHistoryAction: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// The answer was logged (the first entry of every answer).
    case created
    /// Its details changed; the note names the fields.
    case edited
    /// Its review moved; the note says why, when sent back.
    case transition
}

/// The append-only history of each answer: who logged, changed and reviewed it, when.
struct AnswerHistoryRepository: Sendable {
    let database: Database

    /// One history entry as the API shows it.
    struct Entry: Codable, Equatable, Sendable {
        var id: UUID
        var occurredAt: Date
        var actor: String
        var action: AnswerHistoryAction
        var from: ReviewStatus?
        var to: ReviewStatus?
        var note: String?
    }

    /// The statement that appends one entry, for writing it in the transaction of the change it records.
    func appendStatement(
        to answerID: UUID, actor: String, action: AnswerHistoryAction, from: ReviewStatus? = nil, to: ReviewStatus? = nil, note: String? = nil,
        at now: Date
    ) -> SQLQueryString {
        """
        INSERT INTO answer_history (id, answer_id, occurred_at, actor, action, from_status, to_status, note)
        VALUES (\(bind: UUID.v7(at: now).text), \(bind: answerID.text), \(bind: now.epochMilliseconds), \(bind: actor), \(bind: action.rawValue),
                \(bind: from?.rawValue), \(bind: to?.rawValue), \(bind: note))
        """
    }

    /// The whole history, oldest first.
    func entries(for answerID: UUID) async throws -> [Entry] {
        try await database.sql.raw("SELECT * FROM answer_history WHERE answer_id = \(bind: answerID.text) ORDER BY occurred_at, id").all().map { row in
            Entry(
                id: try row.uuid("id"), occurredAt: try row.date("occurred_at"), actor: try row.decode(column: "actor", as: String.self),
                action: try row.enumeration("action"),
                from: try row.decode(column: "from_status", as: String?.self).flatMap(ReviewStatus.init(rawValue:)),
                to: try row.decode(column: "to_status", as: String?.self).flatMap(ReviewStatus.init(rawValue:)),
                note: try row.decode(column: "note", as: String?.self))
        }
    }
}
