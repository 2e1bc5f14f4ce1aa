import Foundation
import Models
import Persistence
import SQLKit

/// A registration's history, append-only: written in the transaction of each change, under the event's lock.
extension RegistrationRepository {
    /// Appends `entry` to the history of `registrationID`.
    func append(_ entry: RegistrationHistoryEntry, to registrationID: UUID, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO registration_history (id, registration_id, occurred_at, actor, action, from_status, to_status, attendance, method)
            VALUES (
                \(bind: UUID.v7(at: entry.occurredAt).text), \(bind: registrationID.text), \(bind: entry.occurredAt.epochMilliseconds),
                \(bind: entry.actor), \(bind: entry.action.rawValue), \(bind: entry.from?.rawValue), \(bind: entry.to?.rawValue),
                \(bind: entry.attendance?.rawValue), \(bind: entry.method?.rawValue)
            )
            """
        ).run()
    }

    /// The whole history of `registrationID`, oldest first.
    func history(of registrationID: UUID) async throws -> [RegistrationHistoryEntry] {
        try await database.sql.raw(
            "SELECT * FROM registration_history WHERE registration_id = \(bind: registrationID.text) ORDER BY occurred_at, id"
        ).all().map { row in
            RegistrationHistoryEntry(
                occurredAt: try row.date("occurred_at"), actor: try row.decode(column: "actor", as: String.self),
                action: try row.enumeration("action"),
                from: try row.decode(column: "from_status", as: String?.self).flatMap(RegistrationStatus.init(rawValue:)),
                to: try row.decode(column: "to_status", as: String?.self).flatMap(RegistrationStatus.init(rawValue:)),
                attendance: try row.decode(column: "attendance", as: String?.self).flatMap(Attendance.init(rawValue:)),
                method: try row.decode(column: "method", as: String?.self).flatMap(CheckInMethod.init(rawValue:)))
        }
    }
}
