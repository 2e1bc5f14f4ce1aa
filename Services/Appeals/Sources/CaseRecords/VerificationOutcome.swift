import Models

/// What a fact-check found.
enum VerificationOutcome: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case confirmed
    case partlyConfirmed = "partly_confirmed"
    case notConfirmed = "not_confirmed"
    case inconclusive
}
