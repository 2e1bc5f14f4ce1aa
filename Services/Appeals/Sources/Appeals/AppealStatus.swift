import Models

/// Where an appeal is in its life. Changes go only through ``allowedTransitions``, each recorded in the history.
enum AppealStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case received
    case inVerification = "in_verification"
    case verified
    case referred
    case answered
    case closed
    case rejected

    /// The statuses reachable from this one. `rejected` is reachable from every open status; a closed
    /// appeal can only be reopened (by a coordinator, checked by the caller).
    var allowedTransitions: [AppealStatus] {
        switch self {
        case .received: [.inVerification, .rejected]
        case .inVerification: [.verified, .rejected]
        case .verified: [.referred, .answered, .rejected]
        case .referred: [.answered, .rejected]
        case .answered: [.closed, .referred, .rejected]
        case .closed: [.inVerification]
        case .rejected: []
        }
    }

    /// Whether the appeal still needs work (and so can be overdue).
    var isOpen: Bool { self != .closed && self != .rejected }

    /// The statuses that still need work, for SQL lists.
    static let open = allCases.filter(\.isOpen)

    /// Whether the facts have been checked, which publication requires.
    var isVerifiedOrLater: Bool { [.verified, .referred, .answered, .closed].contains(self) }
}
