import Foundation

// What the tests read of the service's answers, decoded from the wire: only the fields they check, so a
// renamed internal type cannot break a test while a changed response does.

/// An event as the API shows it.
struct EventView: Decodable, Equatable {
    let id: String
    let type: String
    let title: [String: String]
    let format: String
    let startsAt: Date
    let endsAt: Date
    let timeZone: String
    let venue: Venue?
    let onlineUrl: String?
    let organizerId: String
    let coOrganizerIds: [String]
    let languages: [String]
    let interpretation: [String]
    let themes: [String]
    let targetGroups: [String]
    let visibility: String
    let status: String
    let cancellationReason: String?
    let publishedAt: Date?
    let copiedFrom: String?
    let version: Int

    struct Venue: Decodable, Equatable {
        let regionCode: String
        let locality: String?
        let address: String?
        let accessibilityNotes: String?
    }
}

/// A page of events.
struct EventPage: Decodable {
    let items: [EventView]
    let nextCursor: String?
}

/// An event's history.
struct EventHistory: Decodable {
    let entries: [Entry]

    struct Entry: Decodable {
        let occurredAt: Date
        let action: String
        let from: String?
        let to: String?
        let note: String?
    }
}

/// An event's agenda.
struct AgendaView: Decodable {
    let eventId: String
    let version: Int
    let items: [Item]

    struct Item: Decodable, Equatable {
        let id: String
        let position: Int
        let title: [String: String]
        let startsAt: Date
        let durationMinutes: Int
        let speakers: [String]
    }
}
