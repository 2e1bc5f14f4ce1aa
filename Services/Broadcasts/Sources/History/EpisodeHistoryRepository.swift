import Foundation
import Models
import Persistence
import SQLKit

/// The append-only history of each episode: who changed what, when, from which status to which.
struct EpisodeHistoryRepository: Sendable {
    let database: Database

    /// One history entry as the API shows it.
    struct Entry: Codable, Equatable, Sendable {
        var id: UUID
        var occurredAt: Date
        var actor: String
        var action: EpisodeHistoryAction
        var from: EpisodeStatus?
        var to: EpisodeStatus?
        var note: String?
    }

    /// The statement that appends one entry, for writing it in the transaction of the change it records.
    func appendStatement(
        to episodeID: UUID, actor: String, action: EpisodeHistoryAction, from: EpisodeStatus? = nil, to: EpisodeStatus? = nil,
        note: String? = nil, at now: Date
    ) -> SQLQueryString {
        """
        INSERT INTO episode_history (id, episode_id, occurred_at, actor, action, from_status, to_status, note)
        VALUES (\(bind: UUID.v7(at: now).text), \(bind: episodeID.text), \(bind: now.epochMilliseconds), \(bind: actor), \(bind: action.rawValue),
                \(bind: from?.rawValue), \(bind: to?.rawValue), \(bind: note))
        """
    }

    /// The whole history, oldest first.
    func entries(for episodeID: UUID) async throws -> [Entry] {
        try await database.sql.raw("SELECT * FROM episode_history WHERE episode_id = \(bind: episodeID.text) ORDER BY occurred_at, id").all().map { row in
            Entry(
                id: try row.uuid("id"), occurredAt: try row.date("occurred_at"), actor: try row.decode(column: "actor", as: String.self),
                action: try row.enumeration("action"),
                from: try row.decode(column: "from_status", as: String?.self).flatMap(EpisodeStatus.init(rawValue:)),
                to: try row.decode(column: "to_status", as: String?.self).flatMap(EpisodeStatus.init(rawValue:)),
                note: try row.decode(column: "note", as: String?.self)
            )
        }
    }
}
