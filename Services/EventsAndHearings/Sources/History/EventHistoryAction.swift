import Models

/// What one history entry records: the `action` of each entry on the wire.
enum EventHistoryAction: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// The event was drafted (the first entry of every event).
    case created
    /// The event was drafted as a copy of another (the first entry of a copy; the note names the original).
    case copied
    /// The status changed.
    case transition
    /// Its details changed; the note names the fields.
    case edited
    /// An agenda item was added, changed or removed, or the agenda reordered.
    case agenda
    /// The series' recurrence rule was set or removed.
    case recurrence
    /// One occurrence of the series was moved, cancelled or restored.
    case occurrence
}
