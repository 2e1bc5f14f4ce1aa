import Models

/// Where a recommendation stands with its duty-bearer. Changes go only through ``allowedTransitions``,
/// each with evidence and recorded in its history.
enum RecommendationStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Made at the event; the duty-bearer has not answered yet.
    case proposed
    /// The duty-bearer took it on.
    case accepted
    /// The duty-bearer declined it; final.
    case rejected
    /// Work on it is under way.
    case inProgress = "in_progress"
    /// Done; final.
    case implemented
    /// Done in part; work may resume.
    case partiallyImplemented = "partially_implemented"
    /// Accepted but not done; final.
    case notImplemented = "not_implemented"

    /// `proposed → accepted | rejected`, `accepted → in_progress`, `in_progress → implemented |
    /// partially_implemented | not_implemented`. Besides: an accepted recommendation may end not
    /// implemented without work ever starting, and a partial one may resume (`in_progress`) or be finished.
    var allowedTransitions: [RecommendationStatus] {
        switch self {
        case .proposed: [.accepted, .rejected]
        case .accepted: [.inProgress, .notImplemented]
        case .inProgress: [.implemented, .partiallyImplemented, .notImplemented]
        case .partiallyImplemented: [.inProgress, .implemented]
        case .rejected, .implemented, .notImplemented: []
        }
    }

    /// Whether the duty-bearer took it on (whatever came of it since).
    var wasAccepted: Bool { self != .proposed && self != .rejected }

    /// Whether a passed due date makes it overdue: everything but done or declined.
    var canBeOverdue: Bool { self != .implemented && self != .rejected }

    /// Whether progress is reported in this status.
    var takesProgress: Bool { self == .inProgress || self == .partiallyImplemented }
}
