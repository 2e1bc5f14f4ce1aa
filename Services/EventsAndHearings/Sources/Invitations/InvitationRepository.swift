import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores invitations and their history: the only code that knows those tables.
struct InvitationRepository: Sendable {
    let database: Database

    /// One thing that happened to an invitation.
    struct Entry: Codable, Sendable {
        var occurredAt: Date
        var actor: String
        var action: String
        var from: String?
        var to: String?
        var note: String?
    }

    /// Counts of an event's invitations.
    struct Counts: Codable, Sendable {
        var invited: Int
        /// Per role, per answer: `official` → `accepted` → 3.
        var byRole: [String: [String: Int]]
        var officialsInvited: Int
        var officialsAccepted: Int
        /// How many invited officials came: the programme's "duty-bearers who attended".
        var officialsAttended: Int
    }

    func count(of eventID: UUID) async throws -> Int {
        let row = try await database.sql.raw("SELECT COUNT(*) AS n FROM invitations WHERE event_id = \(bind: eventID.text)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Stores `invitation` with its first history entry, in one transaction.
    func insert(_ invitation: Invitation, actor: String) async throws {
        try await database.transaction { session in
            try await session.raw(
                """
                INSERT INTO invitations (id, event_id, invitee_name, organization_id, role, rsvp, attendance, created_at, updated_at, version)
                VALUES (
                    \(bind: invitation.id.text), \(bind: invitation.eventID.text), \(bind: invitation.inviteeName),
                    \(bind: invitation.organizationID?.text), \(bind: invitation.role.rawValue), \(bind: invitation.rsvp.rawValue),
                    \(bind: invitation.attendance?.rawValue), \(bind: invitation.createdAt.epochMilliseconds),
                    \(bind: invitation.updatedAt.epochMilliseconds), \(bind: invitation.version)
                )
                """
            ).run()
            try await session.raw(
                append(invitation.id, Entry(occurredAt: invitation.createdAt, actor: actor, action: "invited", to: invitation.rsvp.rawValue))
            ).run()
        }
    }

    /// Saves `invitation` if it is still at `expectedVersion`, with `entry`; `false` when it changed meanwhile.
    func update(_ invitation: Invitation, expectedVersion: Int, entry: Entry) async throws -> Bool {
        try await database.transaction { session in
            let updated = try await session.raw(
                """
                UPDATE invitations SET rsvp = \(bind: invitation.rsvp.rawValue), attendance = \(bind: invitation.attendance?.rawValue),
                    updated_at = \(bind: invitation.updatedAt.epochMilliseconds), version = \(bind: invitation.version)
                WHERE id = \(bind: invitation.id.text) AND version = \(bind: expectedVersion)
                RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { return false }
            try await session.raw(append(invitation.id, entry)).run()
            return true
        }
    }

    private func append(_ invitationID: UUID, _ entry: Entry) -> SQLQueryString {
        """
        INSERT INTO invitation_history (id, invitation_id, occurred_at, actor, action, from_value, to_value, note)
        VALUES (
            \(bind: UUID.v7(at: entry.occurredAt).text), \(bind: invitationID.text), \(bind: entry.occurredAt.epochMilliseconds),
            \(bind: entry.actor), \(bind: entry.action), \(bind: entry.from), \(bind: entry.to), \(bind: entry.note)
        )
        """
    }

    func find(_ id: UUID, of eventID: UUID) async throws -> Invitation? {
        try await database.sql.raw(
            "SELECT * FROM invitations WHERE id = \(bind: id.text) AND event_id = \(bind: eventID.text)"
        ).first().map(invitation)
    }

    func history(of id: UUID) async throws -> [Entry] {
        try await database.sql.raw(
            "SELECT * FROM invitation_history WHERE invitation_id = \(bind: id.text) ORDER BY occurred_at, id"
        ).all().map { row in
            Entry(
                occurredAt: try row.date("occurred_at"), actor: try row.decode(column: "actor", as: String.self),
                action: try row.decode(column: "action", as: String.self), from: try row.decode(column: "from_value", as: String?.self),
                to: try row.decode(column: "to_value", as: String?.self), note: try row.decode(column: "note", as: String?.self))
        }
    }

    /// A page of the event's invitations, oldest first.
    func list(of eventID: UUID, page: PageRequest) async throws -> Page<Invitation> {
        var query = SQLQueryString("SELECT * FROM invitations WHERE event_id = \(bind: eventID.text)")
        if let cursor = page.cursor { query += " AND id > \(bind: cursor.id.text)" }
        query += " ORDER BY id LIMIT \(literal: page.limit + 1)"
        let rows = try await database.sql.raw(query).all().map(invitation)
        return Page(fetched: rows, limit: page.limit) { Cursor(key: "", id: $0.id) }
    }

    func counts(of eventID: UUID) async throws -> Counts {
        let rows = try await database.sql.raw(
            """
            SELECT role, rsvp, attendance, COUNT(*) AS n FROM invitations WHERE event_id = \(bind: eventID.text)
            GROUP BY role, rsvp, attendance
            """
        ).all()
        var counts = Counts(invited: 0, byRole: [:], officialsInvited: 0, officialsAccepted: 0, officialsAttended: 0)
        for row in rows {
            let role: InvitationRole = try row.enumeration("role")
            let rsvp: RSVP = try row.enumeration("rsvp")
            let attended = try row.decode(column: "attendance", as: String?.self) == Attendance.attended.rawValue
            let n = try row.decode(column: "n", as: Int.self)
            counts.invited += n
            counts.byRole[role.rawValue, default: [:]][rsvp.rawValue, default: 0] += n
            guard role == .official else { continue }
            counts.officialsInvited += n
            if rsvp == .accepted { counts.officialsAccepted += n }
            if attended { counts.officialsAttended += n }
        }
        return counts
    }

    private func invitation(_ row: any SQLRow) throws -> Invitation {
        Invitation(
            id: try row.uuid("id"), eventID: try row.uuid("event_id"), inviteeName: try row.decode(column: "invitee_name", as: String?.self),
            organizationID: try row.optionalUUID("organization_id"), role: try row.enumeration("role"), rsvp: try row.enumeration("rsvp"),
            attendance: try row.decode(column: "attendance", as: String?.self).flatMap(Attendance.init(rawValue:)),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), version: try row.decode(column: "version", as: Int.self))
    }
}
