import Foundation
import Hummingbird
import Models
import SQLKit
import ServiceKit

/// The changes to the event itself: its details, its status, and copies of it.
extension EventWorkflow {
    /// Replaces the details the patch gives; a new start moves the agenda with the event.
    func edit(_ caller: Authorized, ifMatch request: Request, _ patch: EventPatch) async throws -> Event {
        try await change(caller, ifMatch: request) { event, _ in
            let (details, changed) = try patch.applied(to: event.details)
            let shift = details.startsAt.timeIntervalSince(event.details.startsAt)
            event.details = details
            return [
                Entry(
                    action: .edited, note: "changed: \(changed.isEmpty ? "nothing" : changed.joined(separator: ", "))",
                    statements: shift == 0 ? [] : [agenda.shiftStatement(of: event.id, by: shift)])
            ]
        }
    }

    /// Moves the event along ``EventStatus/allowedTransitions``: publishing makes it visible, postponing
    /// moves it (and its agenda) to the new dates, cancelling records the reason.
    func transition(_ caller: Authorized, ifMatch request: Request, _ input: EventTransition) async throws -> Event {
        try await change(caller, ifMatch: request) { event, now in
            let from = event.status
            guard from.allowedTransitions.contains(input.to) else {
                throw ServiceError.illegalTransition(from: from, allowed: from.allowedTransitions)
            }
            var statements: [SQLQueryString] = []
            var note = input.note
            switch input.to {
            case .postponed:
                // Validated: both are given.
                var details = event.details
                details.startsAt = input.startsAt!
                details.endsAt = input.endsAt!
                guard details.startsAt != event.details.startsAt || details.endsAt != event.details.endsAt else {
                    throw ServiceError.validationFailed(["startsAt": "must differ from the current dates: postponing needs a new date"])
                }
                try details.validate()
                let shift = details.startsAt.timeIntervalSince(event.details.startsAt)
                if shift != 0 { statements.append(agenda.shiftStatement(of: event.id, by: shift)) }
                note = [
                    "moved to \(RFC3339.string(from: details.startsAt)) – \(RFC3339.string(from: details.endsAt))", input.note,
                ].compactMap { $0 }.joined(separator: "; ")
                event.details = details
            case .cancelled:
                event.cancellationReason = input.reason
                note = ["reason: \(input.reason ?? "")", input.note].compactMap { $0 }.joined(separator: "; ")
            case .published, .registrationOpen:
                if event.publishedAt == nil { event.publishedAt = now }
            default:
                break
            }
            event.status = input.to
            return [Entry(action: .transition, from: from, to: input.to, note: note, statements: statements)]
        }
    }

    /// Drafts a copy of `caller.event` on new dates, with its agenda moved by as much as its start.
    func copy(_ caller: Authorized, _ input: EventCopy) async throws -> Event {
        var details = caller.event.details
        details.startsAt = input.startsAt
        details.endsAt = input.endsAt
        try details.validate()
        let shift = input.startsAt.timeIntervalSince(caller.event.details.startsAt)
        let now = now()
        let items = try await agenda.items(of: caller.event.id).map { item in
            var copy = item.shifted(by: shift)
            copy.id = .v7(at: now)
            return copy
        }
        return try await create(details, by: caller.principal, copiedFrom: caller.event, agenda: items)
    }
}
