import Foundation
import Models
import Persistence
import SQLKit

/// Stores the changes to single occurrences of a series: the only code that knows `occurrence_changes`.
/// It writes through statements the event workflow runs in the transaction of the event's change.
struct OccurrenceRepository: Sendable {
    let database: Database

    /// The changed occurrences of `eventID`, by their original start.
    func changes(of eventID: UUID) async throws -> [Date: Occurrence] {
        let rows = try await database.sql.raw("SELECT * FROM occurrence_changes WHERE event_id = \(bind: eventID.text)").all()
        var changes: [Date: Occurrence] = [:]
        for row in rows {
            let occurrence = try occurrence(row)
            changes[occurrence.originalStartsAt] = occurrence
        }
        return changes
    }

    /// The changed occurrences of each of `eventIDs` in one query (the calendar feed's series), by event.
    func changes(of eventIDs: [UUID]) async throws -> [UUID: [Occurrence]] {
        guard !eventIDs.isEmpty else { return [:] }
        var query = SQLQueryString("SELECT * FROM occurrence_changes WHERE event_id IN (")
        for (index, id) in eventIDs.enumerated() { query += index == 0 ? "\(bind: id.text)" : ", \(bind: id.text)" }
        query += ") ORDER BY event_id, original_starts_at"
        var changes: [UUID: [Occurrence]] = [:]
        for row in try await database.sql.raw(query).all() {
            guard let eventID = UUID(uuidString: try row.decode(column: "event_id", as: String.self)) else { continue }
            changes[eventID, default: []].append(try occurrence(row))
        }
        return changes
    }

    private func occurrence(_ row: any SQLRow) throws -> Occurrence {
        Occurrence(
            originalStartsAt: try row.date("original_starts_at"), startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"),
            status: try row.enumeration("status"))
    }

    /// Records `occurrence`'s change, replacing an earlier one of the same occurrence (none when it is `scheduled` again).
    func replaceStatements(_ occurrence: Occurrence, of eventID: UUID) -> [SQLQueryString] {
        var statements: [SQLQueryString] = [
            """
            DELETE FROM occurrence_changes
            WHERE event_id = \(bind: eventID.text) AND original_starts_at = \(bind: occurrence.originalStartsAt.epochMilliseconds)
            """
        ]
        if occurrence.status != .scheduled {
            statements.append(
                """
                INSERT INTO occurrence_changes (event_id, original_starts_at, status, starts_at, ends_at)
                VALUES (\(bind: eventID.text), \(bind: occurrence.originalStartsAt.epochMilliseconds), \(bind: occurrence.status.rawValue),
                        \(bind: occurrence.startsAt.epochMilliseconds), \(bind: occurrence.endsAt.epochMilliseconds))
                """)
        }
        return statements
    }

    /// Forgets every change of `eventID`'s occurrences, as when its rule goes.
    func deleteAllStatement(of eventID: UUID) -> SQLQueryString {
        "DELETE FROM occurrence_changes WHERE event_id = \(bind: eventID.text)"
    }
}
