import Models

/// Where an event is in its life. Changes go only through ``allowedTransitions``, each recorded in the history.
enum EventStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case draft
    case published
    case registrationOpen = "registration_open"
    case registrationClosed = "registration_closed"
    case held
    case reportPending = "report_pending"
    case closed
    /// Moved to a new date (the move names it); announced again from here.
    case postponed
    /// Called off, with a reason; final.
    case cancelled

    /// The statuses reachable from this one: the main line `draft → … → closed`, plus `postponed` and
    /// `cancelled` from every status before `held`.
    var allowedTransitions: [EventStatus] {
        switch self {
        case .draft: [.published, .postponed, .cancelled]
        case .published: [.registrationOpen, .postponed, .cancelled]
        case .registrationOpen: [.registrationClosed, .postponed, .cancelled]
        case .registrationClosed: [.held, .postponed, .cancelled]
        case .held: [.reportPending]
        case .reportPending: [.closed]
        case .closed: []
        case .postponed: [.published, .registrationOpen, .cancelled]
        case .cancelled: []
        }
    }

    /// Whether the event's record is finished: nothing about it changes any more (a copy may start anew).
    var isFinal: Bool { self == .closed || self == .cancelled }

    /// Whether the event has not taken place yet, so it can still be postponed or cancelled.
    var isBeforeHeld: Bool {
        switch self {
        case .draft, .published, .registrationOpen, .registrationClosed, .postponed: true
        case .held, .reportPending, .closed, .cancelled: false
        }
    }
}
