import Foundation
import Models
import ServiceKit

// The bodies that make an event a series and change its occurrences.

/// `PUT /api/v1/events/{id}/recurrence`: the RRULE, such as `FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=4`.
struct RecurrenceInput: Decodable {
    let rule: String

    /// The rule, parsed, and starting on `startsAt` as the event does.
    func parsed(startingAt startsAt: Date) throws -> RecurrenceRule {
        let parsed: RecurrenceRule
        do {
            parsed = try RecurrenceRule(parsing: rule)
        } catch {
            throw ServiceError.validationFailed(["rule": error.message])
        }
        guard parsed.begins(at: startsAt) else { throw ServiceError.validationFailed(["rule": RecurrenceRule.beginsRule]) }
        return parsed
    }
}

/// `POST /api/v1/events/{id}/occurrences/changes`: one occurrence moved (with its new times), cancelled, or
/// `scheduled` again as the rule says.
struct OccurrenceChange: Decodable {
    let originalStartsAt: Date
    let status: OccurrenceStatus
    let startsAt: Date?
    let endsAt: Date?

    /// The occurrence as it becomes, for an event lasting from `start` to `end`.
    func occurrence(eventStart start: Date, eventEnd end: Date) throws -> Occurrence {
        let duration = end.timeIntervalSince(start)
        var occurrence = Occurrence(
            originalStartsAt: originalStartsAt, startsAt: originalStartsAt, endsAt: originalStartsAt + duration, status: status)
        if status == .moved {
            var errors = FieldErrors()
            errors.require(startsAt != nil, field: "startsAt", "is required when moving an occurrence")
            errors.require(endsAt != nil, field: "endsAt", "is required when moving an occurrence")
            try errors.throwIfAny()
            occurrence.startsAt = startsAt!
            occurrence.endsAt = endsAt!
            errors.require(occurrence.endsAt > occurrence.startsAt, field: "endsAt", "must be after startsAt")
            errors.require(
                occurrence.endsAt.timeIntervalSince(occurrence.startsAt) <= TimeInterval(EventLimits.maxEventDays) * 86_400,
                field: "endsAt", "must be at most \(EventLimits.maxEventDays) days after startsAt")
            try errors.throwIfAny()
        }
        return occurrence
    }
}

extension RecurrenceRule {
    /// Why a rule was refused for an event it does not start with.
    static let beginsRule = "must have the event's startsAt as its first occurrence (RFC 5545 leaves any other start undefined)"

    /// Whether the rule's first occurrence from `start` is `start` itself.
    func begins(at start: Date) -> Bool {
        starts(from: start, before: start.addingTimeInterval(1)).first == start
    }

    /// Whether `date` is one of the series' occurrences.
    func includes(_ date: Date, seriesStart start: Date) -> Bool {
        starts(from: start, before: date.addingTimeInterval(1)).contains(date)
    }
}
