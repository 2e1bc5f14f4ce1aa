import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// `GET /api/v1/events/calendar.ics?region=KG-N&type=hearing&council=<id>&lang=ru`: published public
/// events as an iCalendar feed, for anyone. The feed holds at most ``maxEvents``: those that ended on the day
/// (UTC) ``pastDays`` before today or later, soonest first, and every series (which may still repeat).
struct CalendarController {
    /// The most events one feed holds.
    static let maxEvents = 1_000
    /// How far back a feed reaches, in days: recent events stay in subscribers' calendars.
    static let pastDays = 90
    /// How long a client may use a feed before asking again (with its ETag; an unchanged feed is a 304).
    static let cacheControl = "public, max-age=300"
    /// One day in epoch milliseconds.
    static let dayMilliseconds: Int64 = 86_400_000

    let database: Database
    let events: EventRepository
    let occurrences: OccurrenceRepository
    let now: @Sendable () -> Date
    let cache = CalendarFeedCache()

    init(_ components: EventsComponents) {
        events = components.events
        database = components.events.database
        occurrences = components.occurrences
        now = components.now
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/events/calendar.ics").get(use: feed)
    }

    /// The feed's filters; each distinct one is its own kept feed.
    struct Filter: Hashable, Sendable {
        var region: Region?
        var type: EventType?
        var council: UUID?
        var language: Language?
    }

    /// The feed, from the kept copy when no event changed since it was rendered; 304 to a client holding its tag.
    @Sendable func feed(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let filter = try Filter(request)
        // The window starts at a day's beginning (UTC), so a kept feed stays right until the day turns.
        let today = now().epochMilliseconds / Self.dayMilliseconds
        let key = CalendarFeedCache.Key(filter: filter, sinceDay: today - Int64(Self.pastDays))
        // Read before the events, so a change between the two reads makes the next request render again.
        let stamp = try await self.stamp()
        let eTag = CalendarFeedCache.eTag(key, at: stamp)
        var headers = HTTPFields()
        headers[.eTag] = eTag
        headers[.cacheControl] = Self.cacheControl
        if let condition = request.headers[.ifNoneMatch], Self.matches(condition, eTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "text/calendar; charset=utf-8"
        if let kept = cache.feed(key, at: stamp) {
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: kept.body))
        }
        let body = ByteBuffer(bytes: try await render(filter, since: key.sinceDay * Self.dayMilliseconds))
        cache.keep(CalendarFeedCache.Feed(body: body, eTag: eTag), of: key, at: stamp)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// What the events are now: their count and the sum of their versions, in one query.
    func stamp() async throws -> CalendarFeedCache.Stamp {
        let row = try await database.sql.raw(
            "SELECT COUNT(*) AS events, CAST(COALESCE(SUM(version), 0) AS BIGINT) AS versions FROM events"
        ).first()
        return CalendarFeedCache.Stamp(
            events: try row?.decode(column: "events", as: Int64.self) ?? 0, versions: try row?.decode(column: "versions", as: Int64.self) ?? 0)
    }

    /// The feed of `filter` with the events that ended at `since` (epoch milliseconds) or later: one query for
    /// the events, one for the changed occurrences of the series among them.
    func render(_ filter: Filter, since: Int64) async throws -> [UInt8] {
        var query = SQLQueryString(
            """
            SELECT * FROM events WHERE published_at IS NOT NULL AND visibility = \(bind: EventVisibility.public.rawValue)
            AND (ends_at >= \(bind: since) OR recurrence_rule IS NOT NULL)
            """)
        if let region = filter.region { query += " AND region_code = \(bind: region.code)" }
        if let type = filter.type { query += " AND type = \(bind: type.rawValue)" }
        if let council = filter.council { query += " AND organizer_id = \(bind: council.text)" }
        query += " ORDER BY starts_at, id LIMIT \(literal: Self.maxEvents)"
        let found = try await database.sql.raw(query).all().map(events.event)
        let changes = try await occurrences.changes(of: found.filter { $0.recurrenceRule != nil }.map(\.id))
        let entries = found.map { EventCalendar.Entry(event: $0, changedOccurrences: changes[$0.id] ?? []) }
        return EventCalendar.document(entries, languages: filter.language.map { [$0] } ?? [])
    }

    /// Whether an `If-None-Match` value names `eTag` (or is `*`); weak tags compare as strong ones (RFC 9110 §13.1.2).
    static func matches(_ condition: String, _ eTag: String) -> Bool {
        condition.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == eTag || tag == "W/" + eTag
        }
    }
}

extension CalendarController.Filter {
    /// The filters of `request`, validated (`400 invalid_query` naming the parameter).
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
