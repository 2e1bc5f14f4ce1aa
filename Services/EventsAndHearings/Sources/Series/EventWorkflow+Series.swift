import Foundation
import Hummingbird
import Models
import SQLKit
import ServiceKit

/// Series: an event that repeats by an RFC 5545 rule, with changes to single occurrences. Each is a change
/// of the event: its `If-Match`, a new version, a history entry.
extension EventWorkflow {
    /// The widest window of occurrences one request expands, in days.
    static let maxOccurrenceWindowDays = 366

    /// Makes the event the first occurrence of a series repeating by `input`'s rule; a new rule forgets the
    /// changes made to single occurrences of the old one.
    func setRecurrence(_ caller: Authorized, ifMatch request: Request, _ input: RecurrenceInput) async throws -> Event {
        // Checked before If-Match, as bodies are: what the rule must hold is said whatever the version.
        let rule = try input.parsed(startingAt: caller.event.details.startsAt)
        return try await change(caller, ifMatch: request) { event, _ in
            event.recurrenceRule = rule
            return [Entry(action: .recurrence, note: "rule: \(rule.text)", statements: [occurrences.deleteAllStatement(of: event.id)])]
        }
    }

    /// Ends the series: the event stands alone again.
    func removeRecurrence(_ caller: Authorized, ifMatch request: Request) async throws -> Event {
        try await change(caller, ifMatch: request) { event, _ in
            guard event.recurrenceRule != nil else { throw ServiceError.notASeries }
            event.recurrenceRule = nil
            return [Entry(action: .recurrence, note: "rule removed", statements: [occurrences.deleteAllStatement(of: event.id)])]
        }
    }

    /// Moves, cancels or restores one occurrence after the first (the first is the event itself: postpone or
    /// cancel the event instead).
    func changeOccurrence(_ caller: Authorized, ifMatch request: Request, _ input: OccurrenceChange) async throws -> Event {
        try await change(caller, ifMatch: request) { event, _ in
            guard let rule = event.recurrenceRule else { throw ServiceError.notASeries }
            let start = event.details.startsAt
            guard input.originalStartsAt != start, rule.includes(input.originalStartsAt, seriesStart: start) else {
                throw ServiceError.validationFailed(["originalStartsAt": "must be the start of an occurrence of the series after the first"])
            }
            let occurrence = try input.occurrence(eventStart: start, eventEnd: event.details.endsAt)
            return [
                Entry(
                    action: .occurrence, note: "\(RFC3339.string(from: occurrence.originalStartsAt)): \(occurrence.status.rawValue)",
                    statements: occurrences.replaceStatements(occurrence, of: event.id))
            ]
        }
    }

    /// The occurrences whose original start lies in `from ..< to`, as the rule and its changes make them;
    /// an event without a rule is its own one occurrence.
    func occurrences(of event: Event, from: Date, to: Date) async throws -> [Occurrence] {
        let start = event.details.startsAt
        let duration = event.details.endsAt.timeIntervalSince(start)
        let starts = event.recurrenceRule.map { $0.starts(from: start, before: to) } ?? (start < to ? [start] : [])
        let changes = try await occurrences.changes(of: event.id)
        return starts.filter { $0 >= from }.map { original in
            changes[original] ?? Occurrence(originalStartsAt: original, startsAt: original, endsAt: original + duration, status: .scheduled)
        }
    }
}
