import Models

// The appeals API's closed vocabularies as the staff pages offer them: each code has a catalogue text
// `staff_<vocabulary>_<code>`, and a form's choice outside them is answered next to the field before
// anything is sent.

/// Where an appeal is in its life.
enum StaffAppealStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case received
    case inVerification = "in_verification"
    case verified
    case referred
    case answered
    case closed
    case rejected

    /// The moves the transition form offers, as the appeals service's transition table allows them
    /// (`AppealStatus.allowedTransitions`); the API decides, and its refusal is shown next to the field.
    var offeredTransitions: [StaffAppealStatus] {
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

    /// Whether the appeal still needs work.
    var isOpen: Bool { self != .closed && self != .rejected }

    /// Whether the facts have been checked, which publication, referrals and responses need.
    var isVerifiedOrLater: Bool { [.verified, .referred, .answered, .closed].contains(self) }
}

/// What a fact-check found.
enum StaffVerificationOutcome: String, CaseIterable, Sendable, ClosedVocabulary {
    case confirmed
    case partlyConfirmed = "partly_confirmed"
    case notConfirmed = "not_confirmed"
    case inconclusive
}

/// Why an appeal is rejected.
enum StaffRejectionReason: String, CaseIterable, Sendable, ClosedVocabulary {
    case unfounded
    case duplicate
    case outOfScope = "out_of_scope"
    case withdrawn
}

/// How a response was given.
enum StaffResponseChannel: String, CaseIterable, Sendable, ClosedVocabulary {
    case written, broadcast, hearing
}
