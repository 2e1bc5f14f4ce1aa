import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import ServiceKit

/// `GET /api/v1/broadcasts/schedule.ics?showId=<id>&lang=ru`: the announced episodes as an iCalendar feed,
/// for anyone. The feed holds at most ``maxEpisodes``: those that started at most ``pastDays`` ago or
/// later, soonest first, and the regular slot of each of their shows.
struct ScheduleController {
    /// The most episodes one feed holds.
    static let maxEpisodes = 1_000
    /// How far back a feed reaches, in days: recent episodes stay in subscribers' calendars.
    static let pastDays = 90

    let episodes: EpisodeRepository
    let shows: ShowRepository
    let now: @Sendable () -> Date

    init(_ components: BroadcastsComponents) {
        episodes = components.episodes
        shows = components.shows
        now = components.now
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/broadcasts/schedule.ics").get(use: feed)
    }

    /// The feed's filters, validated (`400 invalid_query` naming the parameter).
    struct Filter {
        var showId: UUID?
        var language: Language?

        init(_ request: Request) throws {
            language = try request.enumQuery("lang")
            if let raw = request.uri.queryParameters["showId"] {
                guard let id = UUID(uuidString: String(raw)) else { throw ServiceError.invalidQuery("showId", "showId must be a show's UUID") }
                showId = id
            }
        }
    }

    @Sendable func feed(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        let filter = try Filter(request)
        let since = now().addingTimeInterval(-Double(Self.pastDays) * 86_400)
        let listed = try await episodes.schedule(showId: filter.showId, since: since, limit: Self.maxEpisodes)
        var entries: [UUID: EpisodeCalendar.ShowEntry] = [:]
        for showId in Set(listed.map(\.showId)) {
            guard let show = try await shows.find(showId) else { continue }
            let first = show.details.regularSlot == nil ? nil : try await episodes.firstAnnounced(of: showId)
            entries[showId] = EpisodeCalendar.ShowEntry(show: show, slotStart: first)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        let body = EpisodeCalendar.document(listed, shows: entries, languages: filter.language.map { [$0] } ?? [])
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
