import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Taking attendance: check-in at the door (by code, by the receipt's QR pass, or a walk-in), and after the
/// event staff mark who came or did not, one by one or from the paper sheet. Each change runs under the
/// event's lock, like every change to its registrations (``RegistrationBook``).
struct AttendanceBook: Sendable {
    let registrations: RegistrationRepository
    let secrets: RegistrationSecrets
    /// One change per event at a time in this process, shared with ``RegistrationBook``.
    let queues: EventQueues
    /// The time now; injected so tests can move it.
    let now: @Sendable () -> Date

    /// The event's states in which people check in at the door.
    static let checkInWhile: [EventStatus] = [.registrationOpen, .registrationClosed, .held]
    /// The event's states in which staff mark attendance afterwards.
    static let markWhile: [EventStatus] = [.held, .reportPending]

    /// How a person at the door proves their registration.
    enum Proof {
        case code(String)
        case pass(String)
    }

    /// What a check-in came to: the registration, and whether the person was already checked in, so that of
    /// two doors checking the same person at once exactly one says "checked in".
    struct CheckIn: Sendable {
        var registration: Registration
        var alreadyCheckedIn: Bool
    }

    /// Checks a registered person in; a second check-in of the same person changes nothing and says so.
    func checkIn(_ proof: Proof, at event: Event, by actor: String) async throws -> CheckIn {
        let now = now()
        return try await locked(event, while: Self.checkInWhile) { session in
            var registration: Registration
            let method: CheckInMethod
            switch proof {
            case .code(let canonical):
                guard let found = try await registrations.find(codeHash: secrets.codes.hash(canonical), of: event.id, on: session) else {
                    throw ServiceError.notFound("registration")
                }
                (registration, method) = (found, .code)
            case .pass(let payload):
                guard let id = secrets.checkInPasses.registrationID(in: payload, eventID: event.id),
                    let found = try await registrations.find(id, of: event.id, on: session)
                else { throw ServiceError.invalidCheckInPass }
                (registration, method) = (found, .qr)
            }
            guard registration.status.isActive else { throw ServiceError.registrationNotActive(registration.status) }
            guard registration.status == .confirmed else { throw ServiceError.registrationNotConfirmed(registration.status) }
            guard registration.attendance != .attended else { return CheckIn(registration: registration, alreadyCheckedIn: true) }
            let read = registration
            registration.attendance = .attended
            registration.checkedInAt = now
            registration.checkInMethod = method
            registration.updatedAt = now
            registration.version += 1
            // Conditional on the version read as well as the event's lock, so that nothing else can count one
            // person in twice: a check-in that finds it changed says "already checked in" when it was.
            guard try await registrations.update(registration, ifVersion: read.version, on: session) else {
                guard let current = try await registrations.find(read.id, of: event.id, on: session) else { throw ServiceError.notFound("registration") }
                return CheckIn(registration: current, alreadyCheckedIn: current.attendance == .attended)
            }
            try await registrations.append(
                RegistrationHistoryEntry(occurredAt: now, actor: actor, action: .checkedIn, attendance: .attended, method: method),
                to: registration.id, on: session)
            return CheckIn(registration: registration, alreadyCheckedIn: false)
        }
    }

    /// Counts in a person who came without registering.
    func walkIn(_ participant: Participant, showAttendance: Bool, at event: Event, by actor: String) async throws -> Registration {
        let now = now()
        let id = UUID.v7(at: now)
        return try await locked(event, while: Self.checkInWhile) { session in
            let registration = Registration(
                id: id, eventID: event.id, sequence: try await registrations.nextSequence(of: event.id, on: session), kind: .walkIn,
                status: .confirmed, participant: participant, showAttendance: showAttendance, attendance: .attended, checkedInAt: now,
                checkInMethod: .walkIn, createdAt: now, updatedAt: now, version: 1)
            try await registrations.insert(
                registration, codeHash: nil, participantKey: secrets.participantKeys.key(for: participant), on: session)
            try await registrations.append(
                RegistrationHistoryEntry(
                    occurredAt: now, actor: actor, action: .walkedIn, to: .confirmed, attendance: .attended, method: .walkIn),
                to: id, on: session)
            return registration
        }
    }

    /// Staff mark one registration after the event, naming the version they marked (`ifMatch` checks the
    /// registration's ETag).
    func mark(
        _ attendance: Attendance, registrationID: UUID, at event: Event, by actor: String,
        ifMatch: @escaping @Sendable (_ currentETag: String) throws -> Void
    ) async throws -> Registration {
        let now = now()
        return try await locked(event, while: Self.markWhile) { session in
            guard var registration = try await registrations.find(registrationID, of: event.id, on: session) else {
                throw ServiceError.notFound("registration")
            }
            try ifMatch(registration.eTag)
            guard registration.status.isActive else { throw ServiceError.registrationNotActive(registration.status) }
            Self.apply(attendance, method: .staff, to: &registration, at: now)
            try await registrations.update(registration, on: session)
            try await registrations.append(
                RegistrationHistoryEntry(occurredAt: now, actor: actor, action: .attendance, attendance: attendance, method: .staff),
                to: registration.id, on: session)
            return registration
        }
    }

    /// What a paper sheet changed.
    struct SheetResult: Codable, Sendable {
        var attended: Int
        var noShow: Int
    }

    /// Applies every row of a paper sheet, or none: each row's problem is reported with its line number.
    func apply(_ sheet: AttendanceSheet, at event: Event, by actor: String) async throws -> SheetResult {
        let now = now()
        return try await locked(event, while: Self.markWhile) { session in
            var errors = sheet.errors
            var changes: [Registration] = []
            var seen: [UUID: Int] = [:]
            for row in sheet.rows {
                guard let found = try await registrations.find(codeHash: secrets.codes.hash(row.code), of: event.id, on: session) else {
                    errors.add(row.field, "no registration of this event has this code")
                    continue
                }
                if let earlier = seen[found.id] {
                    errors.add(row.field, "repeats the code of line \(earlier)")
                    continue
                }
                seen[found.id] = row.line
                guard found.status.isActive else {
                    errors.add(row.field, "the registration is \(found.status.rawValue)")
                    continue
                }
                var registration = found
                Self.apply(row.attendance, method: .sheet, to: &registration, at: now)
                changes.append(registration)
            }
            // Nothing is written until every row is known to be right.
            try errors.throwIfAny()
            for registration in changes {
                try await registrations.update(registration, on: session)
                try await registrations.append(
                    RegistrationHistoryEntry(
                        occurredAt: now, actor: actor, action: .attendance, attendance: registration.attendance, method: .sheet),
                    to: registration.id, on: session)
            }
            return SheetResult(
                attended: changes.filter { $0.attendance == .attended }.count, noShow: changes.filter { $0.attendance == .noShow }.count)
        }
    }

    private static func apply(_ attendance: Attendance, method: CheckInMethod, to registration: inout Registration, at now: Date) {
        // Who checked in at the door keeps the time and way they did.
        if attendance != registration.attendance || attendance == .noShow {
            registration.checkedInAt = attendance == .attended ? now : nil
            registration.checkInMethod = attendance == .attended ? method : nil
        }
        registration.attendance = attendance
        registration.updatedAt = now
        registration.version += 1
    }

    /// Runs `body` in a transaction holding the event's lock, when the event is in one of `states`.
    private func locked<Result: Sendable>(
        _ event: Event, while states: [EventStatus], _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        try await queues.run(event.id) { [registrations] in
            try await registrations.database.transaction { session in
                let status = try await registrations.lockEvent(event.id, on: session) ?? event.status
                guard states.contains(status) else { throw ServiceError.attendanceNotOpen(status, takenWhile: states) }
                return try await body(session)
            }
        }
    }
}
