import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// `GET /api/v1/events/calendar.ics?region=KG-N&type=hearing&council=<id>&lang=ru`: published public
/// events as an iCalendar feed, for anyone. The feed holds at most ``maxEvents``: those that ended at most
/// ``pastDays`` ago or later, soonest first, and every series (which may still repeat).
struct CalendarController {
    /// The most events one feed holds.
    static let maxEvents = 1_000
    /// How far back a feed reaches, in days: recent events stay in subscribers' calendars.
    static let pastDays = 90

    let database: Database
    let events: EventRepository
    let occurrences: OccurrenceRepository
    let now: @Sendable () -> Date

    init(_ components: EventsComponents) {
        events = components.events
        database = components.events.database
        occurrences = components.occurrences
        now = components.now
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/events/calendar.ics").get(use: feed)
    }

    /// The feed's filters, validated (`400 invalid_query` naming the parameter).
    struct Filter {
        var region: Region?
        var type: EventType?
        var council: UUID?
        var language: Language?

        init(_ request: Request) throws {
            region = try request.enumQuery("region")
            type = try request.enumQuery("type")
            language = try request.enumQuery("lang")
            if let raw = request.uri.queryParameters["council"] {
                guard let id = UUID(uuidString: String(raw)) else { throw ServiceError.invalidQuery("council", "council must be an organisation's UUID") }
                council = id
            }
        }
    }

    @Sendable func feed(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let filter = try Filter(request)
        let since = now().addingTimeInterval(-Double(Self.pastDays) * 86_400)
        var query = SQLQueryString(
            """
            SELECT * FROM events WHERE published_at IS NOT NULL AND visibility = \(bind: EventVisibility.public.rawValue)
            AND (ends_at >= \(bind: since.epochMilliseconds) OR recurrence_rule IS NOT NULL)
            """)
        if let region = filter.region { query += " AND region_code = \(bind: region.code)" }
        if let type = filter.type { query += " AND type = \(bind: type.rawValue)" }
        if let council = filter.council { query += " AND organizer_id = \(bind: council.text)" }
        query += " ORDER BY starts_at, id LIMIT \(literal: Self.maxEvents)"
        var entries: [EventCalendar.Entry] = []
        for row in try await database.sql.raw(query).all() {
            let event = try events.event(row)
            let changed = event.recurrenceRule == nil ? [] : Array(try await occurrences.changes(of: event.id).values)
            entries.append(EventCalendar.Entry(event: event, changedOccurrences: changed))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        let body = EventCalendar.document(entries, languages: filter.language.map { [$0] } ?? [])
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
