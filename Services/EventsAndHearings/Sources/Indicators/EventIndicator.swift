import Models

/// The indicators events-and-hearings reports, each `events-and-hearings.<name>` on the wire (the
/// gateway believes a service's figures only under its own name):
/// - `held`, and `held_<type>` per ``EventType``: events that took place (held, report_pending or
///   closed), in the month and region they started;
/// - `participants`: attendees of approved reports, in total and by sex, age band, vulnerable group and
///   stakeholder type;
/// - `unique_participants`: people checked in (registered or walk-in) at events that took place, each once
///   per month and region however many events they came to (``UniqueParticipants``), in total and by the same
///   dimensions;
/// - `duty_bearers_attended`: invitations as `official` marked as attended, at events that took place;
/// - `recommendations_made`, `recommendations_accepted`, `recommendations_implemented`: in the month it
///   happened;
/// - `recommendations_overdue`: open recommendations that fell due in the month, on a day already over.
///
/// Every figure is per region, the region of the event's venue: online events have none and are not
/// counted (their organiser's region would need the gateway's directory).
enum EventIndicator: String, CaseIterable, Sendable {
    case held
    case participants
    case uniqueParticipants = "unique_participants"
    case dutyBearersAttended = "duty_bearers_attended"
    case recommendationsMade = "recommendations_made"
    case recommendationsAccepted = "recommendations_accepted"
    case recommendationsImplemented = "recommendations_implemented"
    case recommendationsOverdue = "recommendations_overdue"

    /// The prefix of every name: the service's own.
    static let prefix = ServiceCatalog.eventsAndHearings.name + "."

    /// The name on the wire.
    var name: String { Self.prefix + rawValue }

    /// The name of the events held of one type.
    static func held(_ type: EventType) -> String { prefix + "held_" + type.rawValue }
}
