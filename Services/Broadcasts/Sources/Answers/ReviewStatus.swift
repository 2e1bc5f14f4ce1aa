import Models

/// Where an answer's summary is in the legal review after the show. Changes go only through
/// ``allowedTransitions``, each recorded in the answer's history.
enum ReviewStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Being written by the producers.
    case draft
    /// Sent to a legal expert.
    case legalReview = "legal_review"
    /// A legal expert approved it: it is public, and told to the appeal it came from; final.
    case approved
    /// A legal expert sent it back with what to correct; corrected, it goes to review again.
    case needsCorrection = "needs_correction"

    /// The statuses reachable from this one.
    var allowedTransitions: [ReviewStatus] {
        switch self {
        case .draft: [.legalReview]
        case .legalReview: [.approved, .needsCorrection]
        case .needsCorrection: [.legalReview]
        case .approved: []
        }
    }

    /// Whether the producers may still change the details.
    var isEditable: Bool { self == .draft || self == .needsCorrection }

    /// Whether moving here is the legal expert's decision rather than the producers' step.
    var isReviewDecision: Bool { self == .approved || self == .needsCorrection }
}
