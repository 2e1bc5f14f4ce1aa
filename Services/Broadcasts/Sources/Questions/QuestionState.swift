import Models

/// Where a question is in moderation and on air. Changes go only through ``allowedTransitions``, each
/// recorded in the question's history.
enum QuestionState: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Sent, not yet moderated; public only on a permissive episode.
    case received
    /// A moderator let it through: its public text is shown.
    case approved
    /// Kept out of sight (off-topic, personal data in the text); may be approved later.
    case hidden
    /// Turned down, with a reason; final.
    case rejected
    /// The same question as another, which counts it; final.
    case merged
    /// In the live queue, at the moderator's position.
    case queued
    /// Being answered now.
    case onAir = "on_air"
    case answered
    case partiallyAnswered = "partially_answered"
    /// Moved to the show's next episode, where it waits to be queued again.
    case deferred
    /// Sent on to the body that can act on it.
    case referred

    /// The states reachable from this one: moderation first, then the queue and the air.
    var allowedTransitions: [QuestionState] {
        switch self {
        case .received: [.approved, .hidden, .rejected, .merged]
        case .approved: [.queued, .hidden, .rejected, .merged]
        case .hidden: [.approved, .rejected]
        case .queued: [.onAir, .approved, .hidden, .deferred]
        case .onAir: [.answered, .partiallyAnswered, .deferred, .referred]
        case .partiallyAnswered: [.deferred, .referred]
        case .deferred: [.queued, .approved, .hidden, .rejected, .merged]
        case .rejected, .merged, .answered, .referred: []
        }
    }

    /// Whether the public sees it on an episode moderated `mode`: what a moderator let through, and on a
    /// permissive episode also what nobody has looked at yet.
    func isPublic(in mode: ModerationMode) -> Bool {
        switch self {
        case .received: mode == .permissive
        case .hidden, .rejected, .merged: false
        case .approved, .queued, .onAir, .answered, .partiallyAnswered, .deferred, .referred: true
        }
    }

    /// Whether the question counts as answered on air (the answer log and indicators start here).
    var isAnswered: Bool { self == .answered || self == .partiallyAnswered }
}

/// Where a question came from.
enum QuestionSource: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Anyone, through the site or the API, signed in or not.
    case `public`
    /// A partner organisation's system, with its API key.
    case partner
    /// Staff imported an appeal's public summary.
    case appeal
}
