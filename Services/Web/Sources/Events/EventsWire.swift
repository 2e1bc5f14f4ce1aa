import Foundation
import Models

/// What the event pages read from the events-and-hearings API, as its `openapi.json` describes it.
enum EventsWire {
    /// The service the pages call.
    static let service = "events-and-hearings"

    /// An event's venue.
    struct Venue: Codable, Sendable {
        var regionCode: Region
        var locality: String?
        var address: String?
        var accessibilityNotes: String?
    }

    /// An event as `GET /api/v1/events/{id}` and the list give it.
    struct Event: Decodable, Sendable {
        var id: UUID
        var type: EventKind
        var title: LocalizedText
        var description: LocalizedText?
        var format: EventFormat
        var startsAt: Date
        var endsAt: Date
        var venue: Venue?
        var onlineUrl: String?
        var organizerId: UUID
        var languages: [String]
        var status: EventState
        var cancellationReason: String?
    }

    /// One page of the events list.
    struct EventPage: Decodable, Sendable {
        var items: [Event]
        var nextCursor: String?
    }

    /// One agenda item.
    struct AgendaItem: Decodable, Sendable {
        var id: UUID
        var position: Int
        var title: LocalizedText
        var startsAt: Date
        var durationMinutes: Int
        var speakers: [String]
    }

    /// `GET /api/v1/events/{id}/agenda`.
    struct Agenda: Decodable, Sendable {
        var items: [AgendaItem]
    }

    /// `GET /api/v1/events/scorecards`.
    struct Scorecard: Decodable, Sendable {
        var asOf: String
        var recommendations: Int
        var accepted: Int
        var implemented: Int
        var overdue: Int
        var medianDaysToFirstResponse: Double?
    }

}

/// What kind of gathering an event is (the API's `type`).
enum EventKind: String, Codable, CaseIterable, Sendable {
    case publicPlatform = "public_platform"
    case hearing
    case forum
    case roundTable = "round_table"
    case conference
    case publicMeeting = "public_meeting"

    /// Its name's catalogue key.
    var textKey: String { "event_type_\(rawValue)" }
}

/// Where people take part (the API's `format`).
enum EventFormat: String, Codable, CaseIterable, Sendable {
    case inPerson = "in_person"
    case online
    case hybrid

    /// Its name's catalogue key.
    var textKey: String { "event_format_\(rawValue)" }

    /// Whether people come to a venue, which then needs a region (as the API checks).
    var hasVenue: Bool { self != .online }
    /// Whether people join over the internet, which then needs a link.
    var hasOnlineLink: Bool { self != .inPerson }
}

/// Where an event is in its life (the API's `status`).
enum EventState: String, Codable, CaseIterable, Sendable {
    case draft
    case published
    case registrationOpen = "registration_open"
    case registrationClosed = "registration_closed"
    case held
    case reportPending = "report_pending"
    case closed
    case postponed
    case cancelled

    /// Its name's catalogue key.
    var textKey: String { "event_status_\(rawValue)" }

    /// The moves the staff page offers from here: the service's transition table without `postponed`, which
    /// needs new dates the event's edit does not take here, and `cancelled`, offered with its reason on a form
    /// of its own.
    var offeredTransitions: [EventState] {
        switch self {
        case .draft: [.published]
        case .published: [.registrationOpen]
        case .registrationOpen: [.registrationClosed]
        case .registrationClosed: [.held]
        case .held: [.reportPending]
        case .reportPending: [.closed]
        case .postponed: [.published, .registrationOpen]
        case .closed, .cancelled: []
        }
    }

    /// Whether the event can still be called off.
    var isBeforeHeld: Bool {
        switch self {
        case .draft, .published, .registrationOpen, .registrationClosed, .postponed: true
        case .held, .reportPending, .closed, .cancelled: false
        }
    }
}
