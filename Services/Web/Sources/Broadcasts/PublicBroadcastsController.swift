import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// The public broadcast pages: the upcoming episodes (`GET /broadcasts`), an episode with its question form and
/// wall (`GET /broadcasts/episodes/{id}`), the receipt and "my question", the upvotes and the replay. Every page
/// reads the broadcasts API as the visitor, so the public sees exactly the episodes announced to it.
public struct PublicBroadcastsController: Sendable {
    let renderer: PageRenderer
    let api: PageAPI
    /// The receipt codes just shown, so a double click on the question form still shows its code.
    let receipts = ReceiptMemory()

    /// The most episodes the upcoming list shows: a season's worth, one API page.
    static let upcomingLimit = 100
    /// How far back the list asks for starts, so an episode on air now (at most 480 minutes long) is still listed.
    static let longestEpisode: TimeInterval = 480 * 60

    /// Pages rendered by `renderer`, calling the broadcasts service through `api`.
    public init(renderer: PageRenderer, api: PageAPI) {
        self.renderer = renderer
        self.api = api
    }

    /// Registers `GET /broadcasts`, an episode's page `GET /broadcasts/episodes/{id}` with its question form and
    /// upvotes, its replay, the "my question" lookup and the wall's script.
    public func register(on router: ServiceRouter) {
        router.get("/broadcasts", use: upcoming)
        router.get("/broadcasts/episodes/{id}", use: episode)
        router.post("/broadcasts/episodes/{id}/questions", use: ask)
        router.post("/broadcasts/episodes/{id}/upvotes", use: upvote)
        router.get("/broadcasts/episodes/{id}/replay", use: replay)
        router.get("/broadcasts/my-question", use: lookupForm)
        router.post("/broadcasts/my-question", use: lookup)
        router.get("/static/wall.js", use: wallScript)
    }

    /// The wall's script, our own file (the pages' policy allows no inline script), cached a day as the stylesheet.
    @Sendable func wallScript(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/javascript; charset=utf-8"
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.wall_js)))
    }

    /// `GET /broadcasts`: the episodes announced and not yet over, soonest first, with their shows and a link to
    /// the schedule feed.
    @Sendable func upcoming(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let now = Date()
        let statuses = EpisodeStatus.upcoming.map(\.rawValue).joined(separator: ",")
        let from = PageDates.rfc3339(now.addingTimeInterval(-Self.longestEpisode))
        let path = "/api/v1/broadcasts/episodes?status=\(statuses)&from=\(from)&limit=\(Self.upcomingLimit)"
        var values: [String: Any] = ["feed": "/api/v1/broadcasts/schedule.ics?lang=\(language.rawValue)"]
        guard case .success(let page, _) = await api.get(BroadcastsWire.service, path, as: BroadcastsWire.EpisodePage.self, context: context) else {
            values["isUnavailable"] = true
            return renderer.page(
                "broadcasts_upcoming", title: texts["broadcasts_title"] ?? "", values: values, status: .serviceUnavailable, request: request,
                context: context)
        }
        let episodes = page.items.filter { $0.endsAt > now }
        let shows = await self.shows(Set(episodes.map(\.showId)), context: context)
        let items = episodes.map { BroadcastValues.of($0, show: shows[$0.showId], texts: texts, language: language) }
        values["items"] = items
        values["hasItems"] = !items.isEmpty
        return renderer.page("broadcasts_upcoming", title: texts["broadcasts_title"] ?? "", values: values, request: request, context: context)
    }

    /// The shows of `ids` the visitor may read, read side by side; one that fails is left out, its episodes shown
    /// without the show's name.
    func shows(_ ids: Set<UUID>, context: ServiceRequestContext) async -> [UUID: BroadcastsWire.Show] {
        await withTaskGroup(of: BroadcastsWire.Show?.self) { group in
            for id in ids {
                group.addTask {
                    let path = "/api/v1/broadcasts/shows/\(id.uuidString.lowercased())"
                    guard case .success(let show, _) = await api.get(BroadcastsWire.service, path, as: BroadcastsWire.Show.self, context: context)
                    else { return nil }
                    return show
                }
            }
            var shows: [UUID: BroadcastsWire.Show] = [:]
            for await show in group { if let show { shows[show.id] = show } }
            return shows
        }
    }
}
