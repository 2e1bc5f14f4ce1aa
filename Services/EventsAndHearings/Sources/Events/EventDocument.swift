import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// An event as the API shows it. Times are UTC; `timeZone` names the zone pages show them in.
struct EventDocument: Codable, Sendable, ResponseEncodable {
    /// The zone the programme's events are shown in.
    static let displayTimeZone = BishkekTime.zoneIdentifier

    var id: UUID
    var type: EventType
    var title: LocalizedText
    var description: LocalizedText?
    var format: EventFormat
    var startsAt: Date
    var endsAt: Date
    var timeZone: String
    var venue: EventDetails.Venue?
    var onlineUrl: String?
    var organizerId: UUID
    var coOrganizerIds: [UUID]
    var languages: [EventLanguage]
    var interpretation: [EventLanguage]
    var themes: [RightsTopic]
    var targetGroups: [StakeholderType]
    var visibility: EventVisibility
    var status: EventStatus
    var cancellationReason: String?
    var publishedAt: Date?
    var copiedFrom: UUID?
    /// The RFC 5545 RRULE of the series this event starts, if any.
    var recurrenceRule: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ event: Event) {
        let details = event.details
        id = event.id
        type = details.type
        title = details.title
        description = details.description
        format = details.format
        startsAt = details.startsAt
        endsAt = details.endsAt
        timeZone = Self.displayTimeZone
        venue = details.venue
        onlineUrl = details.onlineUrl
        organizerId = details.organizerId
        coOrganizerIds = details.coOrganizerIds
        languages = details.languages
        interpretation = details.interpretation
        themes = details.themes
        targetGroups = details.targetGroups
        visibility = details.visibility
        status = event.status
        cancellationReason = event.cancellationReason
        publishedAt = event.publishedAt
        copiedFrom = event.copiedFrom
        recurrenceRule = event.recurrenceRule?.text
        createdAt = event.createdAt
        updatedAt = event.updatedAt
        version = event.version
    }

    /// The event with its ETag, `status` unless told.
    static func response(_ event: Event, status: HTTPResponse.Status = .ok) throws -> Response {
        try .json(EventDocument(event), status: status, eTag: event.eTag)
    }
}

extension EventHistoryRepository.Entry: ResponseEncodable {}

/// An event's history: `GET /api/v1/events/{id}/history`.
struct EventHistoryDocument: Codable, Sendable, ResponseEncodable {
    var entries: [EventHistoryRepository.Entry]
}
