import Foundation
import Models
import Persistence
import SQLKit

/// The append-only history of each appeal: who changed what, when, from which status to which.
struct HistoryRepository: Sendable {
    let database: Database

    /// One history entry as the API shows it.
    struct Entry: Codable, Equatable, Sendable {
        var id: UUID
        var occurredAt: Date
        var actor: String
        var action: HistoryAction
        var from: AppealStatus?
        var to: AppealStatus?
        var note: String?
        var isPublic: Bool
    }

    func append(
        to appealID: UUID, actor: String, action: HistoryAction, from: AppealStatus? = nil, to: AppealStatus? = nil,
        note: String? = nil, isPublic: Bool = false, at now: Date, on session: any SQLDatabase
    ) async throws {
        try await session.raw(
            appendStatement(to: appealID, actor: actor, action: action, from: from, to: to, note: note, isPublic: isPublic, at: now)
        ).run()
    }

    /// The statement ``append(to:actor:action:from:to:note:isPublic:at:on:)`` runs, for callers that
    /// write the entry together with something else (a new appeal).
    func appendStatement(
        to appealID: UUID, actor: String, action: HistoryAction, from: AppealStatus? = nil, to: AppealStatus? = nil,
        note: String? = nil, isPublic: Bool = false, at now: Date
    ) -> SQLQueryString {
        """
        INSERT INTO appeal_history (id, appeal_id, occurred_at, actor, action, from_status, to_status, note, is_public)
        VALUES (\(bind: UUID.v7().text), \(bind: appealID.text), \(bind: now.epochMilliseconds), \(bind: actor), \(bind: action.rawValue),
                \(bind: from?.rawValue), \(bind: to?.rawValue), \(bind: note), \(bind: isPublic))
        """
    }

    /// The whole history, oldest first; `publicOnly` keeps the entries meant for the appellant.
    func entries(for appealID: UUID, publicOnly: Bool = false) async throws -> [Entry] {
        var query: SQLQueryString = "SELECT * FROM appeal_history WHERE appeal_id = \(bind: appealID.text)"
        if publicOnly { query += " AND is_public = \(bind: true)" }
        query += " ORDER BY id"
        return try await database.sql.raw(query).all().map { row in
            Entry(
                id: try row.uuid("id"), occurredAt: try row.date("occurred_at"), actor: try row.decode(column: "actor", as: String.self),
                action: try row.enumeration("action"),
                from: try row.decode(column: "from_status", as: String?.self).flatMap(AppealStatus.init(rawValue:)),
                to: try row.decode(column: "to_status", as: String?.self).flatMap(AppealStatus.init(rawValue:)),
                note: try row.decode(column: "note", as: String?.self), isPublic: try row.decode(column: "is_public", as: Bool.self)
            )
        }
    }
}
