import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way an event changes: load → access → `If-Match` → mutate → version + 1 → save with its history
/// (and its agenda's rows) in one transaction.
///
/// Each change (details, a transition, the agenda) is a method on this type (`EventWorkflow+Changes`,
/// `+Agenda`); each mutates the event and names the history ``Entry``s it is, and this file saves them.
/// Controllers decide nothing about events.
struct EventWorkflow: Sendable {
    let events: EventRepository
    let history: EventHistoryRepository
    let agenda: AgendaRepository
    let occurrences: OccurrenceRepository
    /// Tells other services that an event was held, in the transaction of the move.
    let facts: EventFacts
    /// The time now (history, publication); injected so tests can move it.
    let now: @Sendable () -> Date

    /// One thing that happened to an event, appended to its history; `statements` write what it changed
    /// besides the event's own row (agenda items).
    struct Entry {
        var action: EventHistoryAction
        var from: EventStatus? = nil
        var to: EventStatus? = nil
        var note: String? = nil
        var statements: [SQLQueryString] = []
    }

    /// A caller who runs an event, and the event as loaded for them.
    struct Authorized {
        let principal: Principal
        let event: Event
    }

    /// The event `eventID` names, if `identity` may see it; otherwise 404, so its existence is not revealed.
    func load(_ eventID: UUID?, for identity: Identity) async throws -> Event {
        guard let eventID else { throw ServiceError.notFound("event") }
        return try EventAccess.require(try await events.find(eventID), visibleTo: identity)
    }

    /// Checks that `principal` runs the event: 404 when it is hidden from them, 403 when they may only read
    /// it. Controllers call it after the role check and before reading the body, so a caller who may not
    /// change the event learns nothing about what its fields must hold.
    func authorize(_ principal: Principal, eventID: UUID?) async throws -> Authorized {
        let event = try await load(eventID, for: .principal(principal))
        guard EventAccess.mayRun(event.details, principal) else { throw ServiceError.notYourEvent }
        return Authorized(principal: principal, event: event)
    }

    /// Drafts a new event of `details` for `principal` (who must run it), with its first history entry
    /// and `agenda` in one transaction.
    func create(
        _ details: EventDetails, by principal: Principal, copiedFrom original: Event? = nil, agenda items: [AgendaItem] = []
    ) async throws -> Event {
        guard EventAccess.mayRun(details, principal) else { throw ServiceError.notYourEvent }
        let now = now()
        let event = Event(
            id: .v7(at: now), details: details, status: .draft, cancellationReason: nil, publishedAt: nil, copiedFrom: original?.id,
            recurrenceRule: nil,
            createdBySubject: principal.subject, createdAt: now, updatedAt: now, version: 1
        )
        var statements = [
            history.appendStatement(
                to: event.id, actor: principal.subject, action: original == nil ? .created : .copied, to: .draft,
                note: original.map { "copy of \($0.id.text)" }, at: now)
        ]
        for item in items { statements.append(try agenda.insertStatement(item, of: event.id)) }
        try await events.insert(event, with: statements)
        return event
    }

    /// Checks `If-Match` against the loaded version, applies `mutate`, checks the caller still runs the
    /// event, and saves it with its history entries and their statements in one transaction.
    func change(
        _ caller: Authorized, ifMatch request: Request, _ mutate: (inout Event, Date) async throws -> [Entry]
    ) async throws -> Event {
        var event = caller.event
        try request.checkIfMatch(currentETag: event.eTag)
        let now = now()
        let expectedVersion = event.version
        let entries = try await mutate(&event, now)
        // A closed or cancelled event is a record: it has no moves left (the transition table says so with
        // its own 409), and its details, agenda and series stay as they were.
        if caller.event.status.isFinal, entries.contains(where: { $0.action != .transition }) {
            throw ServiceError.eventIsFinal(caller.event.status)
        }
        // A council member may not hand an event over to another council or region they do not run.
        guard EventAccess.mayRun(event.details, caller.principal) else { throw ServiceError.notYourEvent }
        // A series starts with the event: moving the event must keep it the rule's first occurrence.
        if let rule = event.recurrenceRule, !rule.begins(at: event.details.startsAt) {
            throw ServiceError.validationFailed(["startsAt": "must stay the first occurrence of the series' rule \(rule.text)"])
        }
        event.version += 1
        event.updatedAt = now
        let saved = event
        let actor = caller.principal.subject
        let wasHeld = saved.status == .held && caller.event.status != .held
        try await events.database.transaction { [events, history, facts] session in
            guard try await events.update(saved, expectedVersion: expectedVersion, on: session) else { throw ServiceError.staleVersion }
            for entry in entries {
                for statement in entry.statements { try await session.raw(statement).run() }
                try await session.raw(
                    history.appendStatement(to: saved.id, actor: actor, action: entry.action, from: entry.from, to: entry.to, note: entry.note, at: now)
                ).run()
            }
            if wasHeld { try await facts.recordHeld(saved, at: now, on: session) }
        }
        if wasHeld { facts.deliverSoon() }
        return saved
    }
}
