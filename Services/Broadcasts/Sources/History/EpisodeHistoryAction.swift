import Models

/// What one history entry records: the `action` of each entry on the wire.
enum EpisodeHistoryAction: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// The episode was planned (the first entry of every episode).
    case created
    /// The status changed.
    case transition
    /// Its details changed; the note names the fields.
    case edited
    /// A guest was invited or their answer, role or consent changed; the note names the guest.
    case guest
}
