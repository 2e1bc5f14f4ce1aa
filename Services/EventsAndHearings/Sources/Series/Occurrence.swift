import Foundation
import Hummingbird
import Models

/// What became of one occurrence of a series.
enum OccurrenceStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// As the rule says.
    case scheduled
    /// Moved to another time.
    case moved
    /// Called off, this time only.
    case cancelled
}

/// One occurrence of a series, as the rule and its changes make it. `originalStartsAt` (the rule's start,
/// RFC 5545's RECURRENCE-ID) names it whatever became of it.
struct Occurrence: Codable, Equatable, Sendable {
    var originalStartsAt: Date
    var startsAt: Date
    var endsAt: Date
    var status: OccurrenceStatus
}

/// `GET /api/v1/events/{id}/occurrences`.
struct OccurrenceList: Codable, Sendable, ResponseEncodable {
    var items: [Occurrence]
}
