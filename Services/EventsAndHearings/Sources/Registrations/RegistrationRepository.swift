import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores registrations and each event's registration settings: the only code that knows those tables.
/// The participant is sealed on the way in and opened on the way out, here and nowhere else.
///
/// Every change to an event's registrations runs in a transaction that first takes the event's lock
/// (``lockEvent(_:on:)``), so places are counted and arrival numbers given one registration at a time.
struct RegistrationRepository: Sendable {
    let database: Database
    let cipher: FieldCipher

    /// The sealed field's name, bound into its ciphertext.
    private static let participantField = "participant"

    /// An event's capacity (0 = unlimited) and whether staff confirm each registration.
    struct Settings: Codable, Equatable, Sendable {
        var capacity: Int
        var moderated: Bool

        /// What an event has before anyone sets it: no limit, no moderation.
        static let unset = Settings(capacity: 0, moderated: false)

        /// The status a newcomer gets when `taken` places are taken.
        func arrivalStatus(taken: Int) -> RegistrationStatus {
            guard capacity == 0 || taken < capacity else { return .waitlisted }
            return moderated ? .pending : .confirmed
        }

        /// How many waitlisted registrations may move up when `taken` places are taken.
        func freePlaces(taken: Int) -> Int {
            capacity == 0 ? Int.max : max(0, capacity - taken)
        }
    }

    // MARK: The event's lock

    /// Locks the event's row for the rest of the transaction and returns its status (`nil` when there is
    /// no such event). On PostgreSQL a row lock (`FOR UPDATE`), which concurrent registrations for the same
    /// event queue on while other events go on; SQLite's transactions already take its single write lock
    /// at `BEGIN IMMEDIATE`.
    func lockEvent(_ eventID: UUID, on session: any SQLDatabase) async throws -> EventStatus? {
        let lock: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
        let row = try await session.raw("SELECT status FROM events WHERE id = \(bind: eventID.text)" + lock).first()
        return try row.map { try $0.enumeration("status") }
    }

    // MARK: Settings

    func settings(of eventID: UUID, on session: (any SQLDatabase)? = nil) async throws -> Settings {
        let row = try await (session ?? database.sql).raw(
            "SELECT capacity, moderated FROM registration_settings WHERE event_id = \(bind: eventID.text)"
        ).first()
        guard let row else { return .unset }
        return Settings(capacity: try row.decode(column: "capacity", as: Int.self), moderated: try row.decode(column: "moderated", as: Bool.self))
    }

    func save(_ settings: Settings, of eventID: UUID, at now: Date, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO registration_settings (event_id, capacity, moderated, updated_at)
            VALUES (\(bind: eventID.text), \(bind: settings.capacity), \(bind: settings.moderated), \(bind: now.epochMilliseconds))
            ON CONFLICT (event_id) DO UPDATE SET
                capacity = excluded.capacity, moderated = excluded.moderated, updated_at = excluded.updated_at
            """
        ).run()
    }

    // MARK: Counting

    /// How many places registrations ahead hold (walk-ins came to the door and take none).
    func placesTaken(of eventID: UUID, on session: (any SQLDatabase)? = nil) async throws -> Int {
        try await count(
            "event_id = \(bind: eventID.text) AND kind = \(bind: RegistrationKind.registered.rawValue) AND status IN (\(binds: RegistrationStatus.holdingPlace.map(\.rawValue)))",
            on: session)
    }

    /// How many wait for a place.
    func waitlisted(of eventID: UUID, on session: (any SQLDatabase)? = nil) async throws -> Int {
        try await count("event_id = \(bind: eventID.text) AND status = \(bind: RegistrationStatus.waitlisted.rawValue)", on: session)
    }

    /// A waitlisted registration's place in the queue, from 1.
    func waitlistPosition(of registration: Registration) async throws -> Int? {
        guard registration.status == .waitlisted else { return nil }
        let ahead = try await count(
            "event_id = \(bind: registration.eventID.text) AND status = \(bind: RegistrationStatus.waitlisted.rawValue) AND sequence < \(bind: registration.sequence)",
            on: nil)
        return ahead + 1
    }

    private func count(_ condition: SQLQueryString, on session: (any SQLDatabase)?) async throws -> Int {
        let row = try await (session ?? database.sql).raw("SELECT COUNT(*) AS n FROM registrations WHERE " + condition).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// What a newcomer's place depends on, read in one round trip under the event's lock (after it, so on
    /// PostgreSQL the statement sees every registration committed before the lock was granted).
    struct Queue: Sendable {
        var settings: Settings
        var taken: Int
        var waitlisted: Int
        var nextSequence: Int
    }

    func queue(of eventID: UUID, on session: any SQLDatabase) async throws -> Queue {
        let event = eventID.text
        let registered = RegistrationKind.registered.rawValue
        let row = try await session.raw(
            """
            SELECT
                (SELECT capacity FROM registration_settings WHERE event_id = \(bind: event)) AS capacity,
                (SELECT moderated FROM registration_settings WHERE event_id = \(bind: event)) AS moderated,
                (SELECT COUNT(*) FROM registrations WHERE event_id = \(bind: event) AND kind = \(bind: registered)
                    AND status IN (\(binds: RegistrationStatus.holdingPlace.map(\.rawValue)))) AS taken,
                (SELECT COUNT(*) FROM registrations WHERE event_id = \(bind: event)
                    AND status = \(bind: RegistrationStatus.waitlisted.rawValue)) AS waitlisted,
                (SELECT COALESCE(MAX(sequence), 0) + 1 FROM registrations WHERE event_id = \(bind: event)) AS next
            """
        ).first()
        guard let row else { return Queue(settings: .unset, taken: 0, waitlisted: 0, nextSequence: 1) }
        let capacity = try row.decode(column: "capacity", as: Int?.self)
        return Queue(
            settings: try capacity.map { Settings(capacity: $0, moderated: try row.decode(column: "moderated", as: Bool?.self) ?? false) } ?? .unset,
            taken: try row.decode(column: "taken", as: Int.self), waitlisted: try row.decode(column: "waitlisted", as: Int.self),
            nextSequence: try row.decode(column: "next", as: Int.self))
    }

    /// The next arrival number of the event, under its lock.
    func nextSequence(of eventID: UUID, on session: any SQLDatabase) async throws -> Int {
        let row = try await session.raw(
            "SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM registrations WHERE event_id = \(bind: eventID.text)"
        ).first()
        return try row?.decode(column: "next", as: Int.self) ?? 1
    }

    // MARK: Writing

    /// Stores a new registration with its code's hash and its person's key (``ParticipantKeys``), if any.
    func insert(_ registration: Registration, codeHash: String?, participantKey: String?, on session: any SQLDatabase) async throws {
        let sealed = try seal(registration.participant, of: registration.id)
        try await session.raw(
            """
            INSERT INTO registrations (
                id, event_id, sequence, kind, status, code_hash, participant_key, participant_sealed, show_attendance, attendance,
                checked_in_at, check_in_method, created_at, updated_at, version
            ) VALUES (
                \(bind: registration.id.text), \(bind: registration.eventID.text), \(bind: registration.sequence),
                \(bind: registration.kind.rawValue), \(bind: registration.status.rawValue), \(bind: codeHash), \(bind: participantKey),
                \(bind: sealed),
                \(bind: registration.showAttendance), \(bind: registration.attendance?.rawValue),
                \(bind: registration.checkedInAt?.epochMilliseconds), \(bind: registration.checkInMethod?.rawValue),
                \(bind: registration.createdAt.epochMilliseconds), \(bind: registration.updatedAt.epochMilliseconds), \(bind: registration.version)
            )
            """
        ).run()
    }

    /// Saves what changes after registration: status and attendance.
    func update(_ registration: Registration, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            UPDATE registrations SET
                status = \(bind: registration.status.rawValue), attendance = \(bind: registration.attendance?.rawValue),
                checked_in_at = \(bind: registration.checkedInAt?.epochMilliseconds),
                check_in_method = \(bind: registration.checkInMethod?.rawValue),
                updated_at = \(bind: registration.updatedAt.epochMilliseconds), version = \(bind: registration.version)
            WHERE id = \(bind: registration.id.text)
            """
        ).run()
    }

    /// Saves `registration` if it is still at `version`; `false` when something else changed it first.
    func update(_ registration: Registration, ifVersion version: Int, on session: any SQLDatabase) async throws -> Bool {
        let updated = try await session.raw(
            """
            UPDATE registrations SET
                status = \(bind: registration.status.rawValue), attendance = \(bind: registration.attendance?.rawValue),
                checked_in_at = \(bind: registration.checkedInAt?.epochMilliseconds),
                check_in_method = \(bind: registration.checkInMethod?.rawValue),
                updated_at = \(bind: registration.updatedAt.epochMilliseconds), version = \(bind: registration.version)
            WHERE id = \(bind: registration.id.text) AND version = \(bind: version)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    /// Moves the first waitlisted registrations, in arrival order, into the places that are free; returns
    /// the IDs moved up. Runs under the event's lock, after whatever freed the places.
    @discardableResult
    func promote(_ eventID: UUID, settings: Settings, at now: Date, on session: any SQLDatabase) async throws -> [UUID] {
        let free = settings.freePlaces(taken: try await placesTaken(of: eventID, on: session))
        guard free > 0 else { return [] }
        // Bounded by the capacity's range; an unlimited event takes everyone waiting.
        let limit = min(free, RegistrationLimits.capacity.upperBound)
        let waiting = try await session.raw(
            """
            SELECT id FROM registrations WHERE event_id = \(bind: eventID.text) AND status = \(bind: RegistrationStatus.waitlisted.rawValue)
            ORDER BY sequence LIMIT \(literal: limit)
            """
        ).all().map { try $0.uuid("id") }
        guard !waiting.isEmpty else { return [] }
        let status = settings.moderated ? RegistrationStatus.pending : .confirmed
        try await session.raw(
            """
            UPDATE registrations SET status = \(bind: status.rawValue), updated_at = \(bind: now.epochMilliseconds), version = version + 1
            WHERE id IN (\(binds: waiting.map(\.text)))
            """
        ).run()
        for id in waiting {
            try await append(
                RegistrationHistoryEntry(
                    occurredAt: now, actor: RegistrationHistoryEntry.Actor.waitlist, action: .promoted, from: .waitlisted, to: status),
                to: id, on: session)
        }
        return waiting
    }

    // MARK: Reading

    func find(_ id: UUID, of eventID: UUID, on session: (any SQLDatabase)? = nil) async throws -> Registration? {
        try await (session ?? database.sql).raw(
            "SELECT * FROM registrations WHERE id = \(bind: id.text) AND event_id = \(bind: eventID.text)"
        ).first().map(registration)
    }

    func find(codeHash: String, of eventID: UUID, on session: (any SQLDatabase)? = nil) async throws -> Registration? {
        try await (session ?? database.sql).raw(
            "SELECT * FROM registrations WHERE code_hash = \(bind: codeHash) AND event_id = \(bind: eventID.text)"
        ).first().map(registration)
    }

    /// The registration of any event a code names: codes are unique across events.
    func find(codeHash: String) async throws -> Registration? {
        try await database.sql.raw("SELECT * FROM registrations WHERE code_hash = \(bind: codeHash)").first().map(registration)
    }

    /// A page of the event's registrations in arrival order, of `statuses` when any are named.
    func list(of eventID: UUID, statuses: [RegistrationStatus], page: PageRequest) async throws -> Page<Registration> {
        var query = SQLQueryString("SELECT * FROM registrations WHERE event_id = \(bind: eventID.text)")
        if !statuses.isEmpty { query += " AND status IN (\(binds: statuses.map(\.rawValue)))" }
        if let cursor = page.cursor {
            // A cursor this list issued holds an arrival number; anything else was refused by the cursor's decoding.
            query += " AND sequence > \(bind: Int(cursor.key) ?? 0)"
        }
        query += " ORDER BY sequence LIMIT \(literal: page.limit + 1)"
        let rows = try await database.sql.raw(query).all().map(registration)
        return Page(fetched: rows, limit: page.limit) { Cursor(key: String($0.sequence), id: $0.id) }
    }

    /// Every registration of the event in arrival order, up to `limit` (the export's bound).
    func all(of eventID: UUID, limit: Int) async throws -> [Registration] {
        try await database.sql.raw(
            "SELECT * FROM registrations WHERE event_id = \(bind: eventID.text) ORDER BY sequence LIMIT \(literal: limit)"
        ).all().map(registration)
    }

    /// Those who came, in arrival order, up to `limit`.
    func attended(of eventID: UUID, limit: Int) async throws -> [Registration] {
        try await database.sql.raw(
            """
            SELECT * FROM registrations WHERE event_id = \(bind: eventID.text) AND attendance = \(bind: Attendance.attended.rawValue)
            ORDER BY sequence LIMIT \(literal: limit)
            """
        ).all().map(registration)
    }

    /// How many came, registered or not.
    func attendedCount(of eventID: UUID) async throws -> Int {
        try await count("event_id = \(bind: eventID.text) AND attendance = \(bind: Attendance.attended.rawValue)", on: nil)
    }

    /// The registration a row of `registrations` holds, its participant opened.
    func registration(_ row: any SQLRow) throws -> Registration {
        let id = try row.uuid("id")
        return Registration(
            id: id, eventID: try row.uuid("event_id"), sequence: try row.decode(column: "sequence", as: Int.self),
            kind: try row.enumeration("kind"), status: try row.enumeration("status"),
            participant: try open(try row.decode(column: "participant_sealed", as: Data.self), of: id),
            showAttendance: try row.decode(column: "show_attendance", as: Bool.self),
            attendance: try row.decode(column: "attendance", as: String?.self).flatMap(Attendance.init(rawValue:)),
            checkedInAt: try row.optionalDate("checked_in_at"),
            checkInMethod: try row.decode(column: "check_in_method", as: String?.self).flatMap(CheckInMethod.init(rawValue:)),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), version: try row.decode(column: "version", as: Int.self)
        )
    }

    private func seal(_ participant: Participant, of id: UUID) throws -> Data {
        try cipher.seal(try JSONEncoder().encode(participant), recordID: id, field: Self.participantField)
    }

    private func open(_ sealed: Data, of id: UUID) throws -> Participant {
        try JSONDecoder().decode(Participant.self, from: try cipher.open(sealed, recordID: id, field: Self.participantField))
    }
}
