import Foundation
import Models
import ServiceKit

/// An event as stored: its editable ``EventDetails`` and what the workflow keeps about it.
struct Event: Sendable {
    var id: UUID
    var details: EventDetails
    var status: EventStatus
    var cancellationReason: String?
    /// When it was first published; `nil` while only its organisers and staff may see it.
    var publishedAt: Date?
    /// The event this one was copied from, if any.
    var copiedFrom: UUID?
    /// How it repeats, when it is the first occurrence of a series.
    var recurrenceRule: RecurrenceRule?
    var createdBySubject: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    var eTag: String { "\"\(version)\"" }

    /// Whether people beyond its organisers and staff may see it (when its visibility lets them).
    var isPublished: Bool { publishedAt != nil }
}

/// Everything about an event its organisers write: what, when, where, who, for whom.
struct EventDetails: Codable, Equatable, Sendable {
    var type: EventType
    var title: LocalizedText
    var description: LocalizedText?
    var format: EventFormat
    var startsAt: Date
    var endsAt: Date
    var venue: Venue?
    var onlineUrl: String?
    var organizerId: UUID
    var coOrganizerIds: [UUID]
    var languages: [EventLanguage]
    var interpretation: [EventLanguage]
    var themes: [RightsTopic]
    var targetGroups: [StakeholderType]
    var visibility: EventVisibility

    /// Where an in-person or hybrid event takes place.
    struct Venue: Codable, Equatable, Sendable {
        var regionCode: Region
        var locality: String?
        var address: String?
        var accessibilityNotes: String?
    }

    /// The region of its venue, which council members' access and the list's filter go by.
    var regionCode: Region? { venue?.regionCode }
}
