import Models

/// Where an event's report is. Changes go only through ``allowedTransitions``, each recorded in the
/// report's history.
enum ReportStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Being written by those who run the event.
    case draft
    /// Handed to project staff for approval.
    case submitted
    /// Approved by staff: the record of the event; final.
    case approved

    /// `draft → submitted → approved`; staff may send a submitted report back to draft.
    var allowedTransitions: [ReportStatus] {
        switch self {
        case .draft: [.submitted]
        case .submitted: [.draft, .approved]
        case .approved: []
        }
    }
}

/// What one entry of a report's history records.
enum ReportHistoryAction: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// The report was drafted.
    case created
    /// Its content was replaced.
    case edited
    /// Its status changed.
    case transition
}
