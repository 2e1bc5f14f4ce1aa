import Models

/// Where an episode is in its life. Changes go only through ``allowedTransitions``, each recorded in the history.
enum EpisodeStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case planned
    case announced
    /// Questions are taken before the show.
    case intakeOpen = "intake_open"
    case live
    case ended
    /// The replay is available.
    case published
    /// Called off, with a reason; final.
    case cancelled
    /// Moved to a new start (the move names it); announced again from here.
    case rescheduled

    /// The statuses reachable from this one: the main line `planned → … → published`, plus `rescheduled`
    /// and `cancelled` from every status before `live`.
    var allowedTransitions: [EpisodeStatus] {
        switch self {
        case .planned: [.announced, .rescheduled, .cancelled]
        case .announced: [.intakeOpen, .rescheduled, .cancelled]
        case .intakeOpen: [.live, .rescheduled, .cancelled]
        case .live: [.ended]
        case .ended: [.published]
        case .published: []
        case .cancelled: []
        case .rescheduled: [.announced, .intakeOpen, .cancelled]
        }
    }

    /// Whether the episode's record is finished: its details and guests no longer change.
    var isFinal: Bool { self == .published || self == .cancelled }
}
