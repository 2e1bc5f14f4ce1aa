import Foundation
import Models
import Persistence
import SQLKit

/// Stores agenda items: the only code that knows the `agenda_items` table. It writes through statements
/// the event workflow runs in the transaction of the event's change.
struct AgendaRepository: Sendable {
    let database: Database

    /// The agenda of `eventID`, in order.
    func items(of eventID: UUID) async throws -> [AgendaItem] {
        try await database.sql.raw("SELECT * FROM agenda_items WHERE event_id = \(bind: eventID.text) ORDER BY position, id").all().map { row in
            AgendaItem(
                id: try row.uuid("id"), position: try row.decode(column: "position", as: Int.self),
                title: try EventRepository.decode(LocalizedText.self, try row.decode(column: "title", as: String.self)),
                startsAt: try row.date("starts_at"), durationMinutes: try row.decode(column: "duration_minutes", as: Int.self),
                speakers: try EventRepository.decode([String].self, try row.decode(column: "speakers", as: String.self))
            )
        }
    }

    func insertStatement(_ item: AgendaItem, of eventID: UUID) throws -> SQLQueryString {
        """
        INSERT INTO agenda_items (id, event_id, position, title, starts_at, duration_minutes, speakers)
        VALUES (\(bind: item.id.text), \(bind: eventID.text), \(bind: item.position), \(bind: try EventRepository.json(item.title)),
                \(bind: item.startsAt.epochMilliseconds), \(bind: item.durationMinutes), \(bind: try EventRepository.json(item.speakers)))
        """
    }

    func updateStatement(_ item: AgendaItem) throws -> SQLQueryString {
        """
        UPDATE agenda_items SET position = \(bind: item.position), title = \(bind: try EventRepository.json(item.title)),
            starts_at = \(bind: item.startsAt.epochMilliseconds), duration_minutes = \(bind: item.durationMinutes),
            speakers = \(bind: try EventRepository.json(item.speakers))
        WHERE id = \(bind: item.id.text)
        """
    }

    func deleteStatement(_ itemID: UUID) -> SQLQueryString {
        "DELETE FROM agenda_items WHERE id = \(bind: itemID.text)"
    }

    /// Moves every item of `eventID` by `interval`, as when the event moves.
    func shiftStatement(of eventID: UUID, by interval: TimeInterval) -> SQLQueryString {
        "UPDATE agenda_items SET starts_at = starts_at + \(bind: Int64((interval * 1000).rounded())) WHERE event_id = \(bind: eventID.text)"
    }
}
