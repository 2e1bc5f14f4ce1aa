import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way an event's registrations change. Each change is a transaction that first locks the event
/// (``RegistrationRepository/lockEvent(_:on:)``), checks its state, counts its places, changes what it
/// must, and moves the waitlist up into any place that freed: so no two changes of one event interleave,
/// no event is ever overbooked, and the waitlist moves in arrival order.
struct RegistrationBook: Sendable {
    let registrations: RegistrationRepository
    let events: EventRepository
    let secrets: RegistrationSecrets
    /// One change per event at a time in this process, before the database lock.
    let queues: EventQueues
    /// The time now; injected so tests can move it.
    let now: @Sendable () -> Date

    /// What the registrant gets back: the only time the code and the check-in pass are shown.
    struct Receipt: Encodable, Sendable {
        let id: UUID
        let eventId: UUID
        let status: RegistrationStatus
        let waitlistPosition: Int?
        /// Shown only here: only its keyed hash is stored.
        let registrationCode: String
        /// The signed payload for the receipt's QR code, scanned at the door.
        let checkInPass: String
    }

    /// Registers `participant` for `event`, which the caller may see; 409 unless it is `registration_open`.
    func register(_ participant: Participant, showAttendance: Bool, for event: Event) async throws -> Receipt {
        let (code, codeHash) = try await newCode()
        let now = now()
        let id = UUID.v7(at: now)
        let (registration, position) = try await queues.run(event.id) { [registrations] in
            try await registrations.database.transaction { session in
                let status = try await registrations.lockEvent(event.id, on: session) ?? event.status
                guard status == .registrationOpen else { throw ServiceError.registrationNotOpen(status) }
                let queue = try await registrations.queue(of: event.id, on: session)
                let registration = Registration(
                    id: id, eventID: event.id, sequence: queue.nextSequence, kind: .registered, status: queue.settings.arrivalStatus(taken: queue.taken),
                    participant: participant, showAttendance: showAttendance, attendance: nil, checkedInAt: nil, checkInMethod: nil,
                    createdAt: now, updatedAt: now, version: 1)
                try await registrations.insert(
                    registration, codeHash: codeHash, participantKey: secrets.participantKeys.key(for: participant), on: session)
                try await registrations.append(
                    RegistrationHistoryEntry(
                        occurredAt: now, actor: RegistrationHistoryEntry.Actor.registrant, action: .registered, to: registration.status),
                    to: id, on: session)
                // A newcomer joins the end of the queue.
                return (registration, registration.status == .waitlisted ? queue.waitlisted + 1 : nil)
            }
        }
        return Receipt(
            id: registration.id, eventId: event.id, status: registration.status, waitlistPosition: position, registrationCode: code,
            checkInPass: secrets.checkInPasses.payload(eventID: event.id, registrationID: registration.id))
    }

    /// A code no registration has yet, and its hash. Codes find registrations across events, so they must be
    /// unique; 40 bits make a repeat rare, and the table's unique index refuses one that slips between the
    /// check and the insert.
    private func newCode() async throws -> (code: String, hash: String) {
        for _ in 1...RegistrationLimits.codeAttempts {
            let code = secrets.codes.generate()
            // Generated, so it is a code.
            let hash = secrets.codes.hash(secrets.codes.normalize(code)!)
            if try await registrations.find(codeHash: hash) == nil { return (code, hash) }
        }
        throw ServiceError.internalError
    }

    /// The registration a typed code names, with its event if `identity` may see it; 404 otherwise.
    func registration(code canonicalCode: String, for identity: Identity) async throws -> (registration: Registration, event: Event) {
        guard let found = try await registrations.find(codeHash: secrets.codes.hash(canonicalCode)),
            let event = try await events.find(found.eventID), EventAccess.maySee(event, identity)
        else { throw ServiceError.notFound("registration") }
        return (found, event)
    }

    /// The registrant withdraws with their code; their place, if they held one, goes to the waitlist.
    func withdraw(code canonicalCode: String, for identity: Identity) async throws -> Registration {
        let (found, event) = try await registration(code: canonicalCode, for: identity)
        return try await change(event, by: RegistrationHistoryEntry.Actor.registrant, .withdrawn) { session in
            // Read again under the lock: it may have changed since.
            guard let current = try await registrations.find(found.id, of: event.id, on: session) else {
                throw ServiceError.notFound("registration")
            }
            return current
        } _: { registration in
            guard registration.status.isActive else { throw ServiceError.registrationNotActive(registration.status) }
            registration.status = .withdrawn
        }
    }

    /// Staff confirm a pending registration or reject an active one, naming the version they decided on
    /// (`ifMatch` checks the registration's ETag).
    func decide(
        _ decision: RegistrationDecision, on registrationID: UUID, of event: Event, by actor: String,
        ifMatch: @escaping @Sendable (_ currentETag: String) throws -> Void
    ) async throws -> Registration {
        try await change(event, by: actor, .decided, ifMatch: ifMatch) { session in
            guard let found = try await registrations.find(registrationID, of: event.id, on: session) else {
                throw ServiceError.notFound("registration")
            }
            return found
        } _: { registration in
            guard registration.status.isActive else { throw ServiceError.registrationNotActive(registration.status) }
            switch decision.decision {
            case .confirm:
                guard registration.status == .pending else { throw ServiceError.registrationNotPending(registration.status) }
                registration.status = .confirmed
            case .reject:
                registration.status = .rejected
            }
        }
    }

    /// Sets the event's capacity and moderation; raising the capacity moves the waitlist up.
    func configure(_ settings: RegistrationRepository.Settings, of event: Event) async throws -> RegistrationRepository.Settings {
        let now = now()
        try await queues.run(event.id) { [registrations] in
            try await registrations.database.transaction { session in
                let status = try await registrations.lockEvent(event.id, on: session) ?? event.status
                if status.isFinal { throw ServiceError.eventIsFinal(status) }
                try await registrations.save(settings, of: event.id, at: now, on: session)
                try await registrations.promote(event.id, settings: settings, at: now, on: session)
            }
        }
        return settings
    }

    /// Loads one registration under the event's lock, checks `ifMatch` against it and that the event has not
    /// been held, applies `mutate`, saves it with a history entry and moves the waitlist up.
    private func change(
        _ event: Event, by actor: String, _ action: RegistrationHistoryAction,
        ifMatch: (@Sendable (_ currentETag: String) throws -> Void)? = nil,
        find: @escaping @Sendable (any SQLDatabase) async throws -> Registration,
        _ mutate: @escaping @Sendable (inout Registration) throws -> Void
    ) async throws -> Registration {
        let now = now()
        return try await queues.run(event.id) { [registrations] in
            try await registrations.database.transaction { session in
                let status = try await registrations.lockEvent(event.id, on: session) ?? event.status
                var registration = try await find(session)
                try ifMatch?(registration.eTag)
                guard status.isBeforeHeld else { throw ServiceError.registrationsFinal(status) }
                let from = registration.status
                try mutate(&registration)
                registration.updatedAt = now
                registration.version += 1
                try await registrations.update(registration, on: session)
                try await registrations.append(
                    RegistrationHistoryEntry(occurredAt: now, actor: actor, action: action, from: from, to: registration.status),
                    to: registration.id, on: session)
                try await registrations.promote(event.id, settings: try await registrations.settings(of: event.id, on: session), at: now, on: session)
                return registration
            }
        }
    }
}
