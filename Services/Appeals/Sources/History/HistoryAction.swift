import Models

/// What one history entry records: the `action` of each entry on the wire.
enum HistoryAction: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// The appeal arrived (the first entry of every appeal).
    case submitted
    /// The status changed.
    case transition
    /// A note meant for the appellant.
    case publicNote = "public_note"
    /// A fact-check was recorded.
    case verification
    /// The verifier or legal expert changed.
    case assignment
    /// The appeal went to a duty-bearer.
    case referral
    /// A duty-bearer replied.
    case referralReply = "referral_reply"
    /// The appellant was answered.
    case response
    /// The deadline was extended.
    case `extension`
    /// Staff fields changed.
    case annotation
    /// A public copy was published.
    case publication
    /// The public copy was withdrawn.
    case unpublication
}
