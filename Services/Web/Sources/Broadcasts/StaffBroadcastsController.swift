import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

/// The staff pages of broadcasts: the episodes (`GET /staff/broadcasts`), an episode's page with its moves, the
/// moderator's queue, the presenter's screen and the answer log with its legal review, all under
/// `/staff/broadcasts/episodes/{id}`.
///
/// Every read and change is a broadcasts API call made as the signed-in person, so they see and change exactly what
/// the API lets them (coordinators run episodes and the queue, legal experts review answers); its 403 and 404 are
/// the site's.
public struct StaffBroadcastsController: Sendable {
    /// Who runs episodes and the queue, as the API's access rules say: producers and moderators are coordinators.
    static let producers: Set<Role> = [.admin, .coordinator]
    /// Who reviews the answer log's summaries.
    static let reviewers: Set<Role> = [.admin, .legalExpert]
    /// Whose navigation links to the broadcast staff pages: those who run them and those who review answers.
    public static let navigationRoles: Set<Role> = producers.union(reviewers)

    /// Episodes on one page of the list.
    static let pageSize = 30
    /// How far back the list reaches: a year, so an aired episode's answer log and review stay at hand.
    static let listedPast: TimeInterval = 366 * 86_400

    let renderer: PageRenderer
    let api: PageAPI

    /// Pages rendered by `renderer`, calling the broadcasts service through `api`.
    public init(renderer: PageRenderer, api: PageAPI) {
        self.renderer = renderer
        self.api = api
    }

    /// Registers the list, an episode's page and moves, the queue, the presenter's screen, the answer log and the
    /// presenter's script. Every form's address also answers a `GET` (a language link on a form sent back) by going
    /// back to its page.
    public func register(on router: ServiceRouter) {
        router.get("/staff/broadcasts", use: list)
        router.get("/staff/broadcasts/episodes/{id}", use: episodePage)
        router.post("/staff/broadcasts/episodes/{id}/moves/{change}", use: moveEpisode)
        router.get("/staff/broadcasts/episodes/{id}/moves/{change}", use: backToEpisode)
        router.get("/staff/broadcasts/episodes/{id}/queue", use: queue)
        router.post("/staff/broadcasts/episodes/{id}/queue/import", use: importAppeal)
        router.get("/staff/broadcasts/episodes/{id}/queue/import", use: backToQueue)
        router.post("/staff/broadcasts/episodes/{id}/queue/{questionId}/{change}", use: changeQuestion)
        router.get("/staff/broadcasts/episodes/{id}/queue/{questionId}/{change}", use: backToQueue)
        router.get("/staff/broadcasts/episodes/{id}/presenter", use: presenter)
        router.get("/staff/broadcasts/episodes/{id}/answers", use: answers)
        router.post("/staff/broadcasts/episodes/{id}/answers", use: logAnswer)
        router.get("/staff/broadcasts/episodes/{id}/answers/{answerId}", use: answerPage)
        router.post("/staff/broadcasts/episodes/{id}/answers/{answerId}/{change}", use: changeAnswer)
        router.get("/staff/broadcasts/episodes/{id}/answers/{answerId}/{change}", use: backToAnswer)
        router.get("/static/presenter.js", use: presenterScript)
    }

    // MARK: The list

    /// `GET /staff/broadcasts`: the episodes the person may read, soonest first, filtered by status, a page at a time.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity?.isPerson == true else { return signIn(returningTo: "/staff/broadcasts") }
        let query = request.uri.queryParameters
        let status = query.get("status").flatMap(EpisodeStatus.init(rawValue:))
        let cursor = query.get("cursor").flatMap { PublishedFilter.isCursor($0) ? $0 : nil }
        // From a year back, soonest first: staff run what is coming and finish the answer logs of what aired.
        let since = PageDates.rfc3339(Date().addingTimeInterval(-Self.listedPast))
        var path = "/api/v1/broadcasts/episodes?limit=\(Self.pageSize)&from=\(since)"
        if let status { path += "&status=\(status.rawValue)" }
        if let cursor { path += "&cursor=\(cursor)" }
        let page: StaffBroadcastsWire.EpisodePage
        switch await api.get(BroadcastsWire.service, path, as: StaffBroadcastsWire.EpisodePage.self, context: context) {
        case .success(let value, _): page = value
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let items: [[String: Any]] = page.items.map { episode in
            let theme = ShownText(episode.theme, in: language)
            var item: [String: Any] = [
                "path": Self.path(of: episode.id), "theme": theme.text, "status": texts[episode.status.textKey] ?? "",
                "startsAt": PageDates.rfc3339(episode.startsAt), "startsAtText": PageDates.dayAndTime(episode.startsAt, in: language),
            ]
            item["themeLanguage"] = theme.otherLanguage
            return item
        }
        var values: [String: Any] = [
            "items": items, "hasItems": !items.isEmpty,
            "statuses": Choice.values(
                EpisodeStatus.allCases.map { Choice(code: $0.rawValue, name: texts[$0.textKey] ?? "") }, selected: [status?.rawValue ?? ""]),
        ]
        values["next"] = page.nextCursor.flatMap { next in
            PublishedFilter.isCursor(next) ? "/staff/broadcasts?" + (status.map { "status=\($0.rawValue)&" } ?? "") + "cursor=\(next)" : nil
        }
        return renderer.page("staff_broadcasts", title: texts["broadcasts_staff_title"] ?? "", values: values, request: request, context: context)
    }

    // MARK: Shared by the pages

    /// The episode `id` as the person may read it, with its ETag; the page to answer with when it cannot be read.
    func episode(_ id: UUID, request: Request, context: ServiceRequestContext) async -> Result<
        (episode: StaffBroadcastsWire.Episode, version: String), PageFailure
    > {
        let path = "/api/v1/broadcasts/episodes/\(id.uuidString.lowercased())"
        switch await api.get(BroadcastsWire.service, path, as: StaffBroadcastsWire.Episode.self, context: context) {
        case .success(let episode, let headers): return .success((episode, headers.first(name: "ETag") ?? "\"\(episode.version)\""))
        case .problem(let problem): return .failure(PageFailure(response: failure(problem, request: request, context: context)))
        case .unavailable: return .failure(PageFailure(response: unavailable(request: request, context: context)))
        }
    }

    /// A page to answer with instead of the one asked for.
    struct PageFailure: Error {
        let response: Response
    }

    /// The template values every episode page shares: its theme, status, start and the links between its pages.
    func episodeValues(_ episode: StaffBroadcastsWire.Episode, texts: [String: String], language: Language) -> [String: Any] {
        let theme = ShownText(episode.theme, in: language)
        var values: [String: Any] = [
            "id": episode.id.uuidString.lowercased(), "theme": theme.text, "status": texts[episode.status.textKey] ?? "",
            "statusCode": episode.status.rawValue, "startsAt": PageDates.rfc3339(episode.startsAt),
            "startsAtText": PageDates.dayAndTime(episode.startsAt, in: language), "minutes": episode.durationMinutes,
            "moderation": texts[episode.moderationMode.textKey] ?? "", "path": Self.path(of: episode.id),
        ]
        values["themeLanguage"] = theme.otherLanguage
        return values
    }

    /// The template values of `history`, newest first; `statusKey` names a status's catalogue key.
    static func history(
        _ history: StaffBroadcastsWire.History, texts: [String: String], language: Language, statusKey: (String) -> String?
    ) -> [[String: Any]] {
        history.entries.reversed().map { entry in
            var item: [String: Any] = [
                "at": PageDates.rfc3339(entry.occurredAt), "atText": PageDates.dayAndTime(entry.occurredAt, in: language),
                "action": texts["broadcasts_staff_history_\(entry.action)"] ?? entry.action,
            ]
            item["to"] = entry.to.flatMap(statusKey).flatMap { texts[$0] }
            item["note"] = entry.note
            return item
        }
    }

    /// The site's address of an episode's staff page.
    static func path(of id: UUID) -> String {
        "/staff/broadcasts/episodes/\(id.uuidString.lowercased())"
    }

    /// The API's address of an episode.
    static func apiPath(of id: UUID) -> String {
        "/api/v1/broadcasts/episodes/\(id.uuidString.lowercased())"
    }

    /// Whether the signed-in person runs episodes and the queue.
    static func isProducer(_ context: ServiceRequestContext) -> Bool {
        context.identity?.hasAnyRole(producers) == true
    }

    /// Whether the signed-in person reviews answers.
    static func isReviewer(_ context: ServiceRequestContext) -> Bool {
        context.identity?.hasAnyRole(reviewers) == true
    }

    /// The `HH:MM` time of `date` in Bishkek, as a time input takes it.
    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = PageDates.bishkek
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `request`'s `lang` choice as a query to carry back to a page, or nothing.
    static func languageQuery(_ request: Request) -> String {
        request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)).map { "?lang=\($0.rawValue)" } ?? ""
    }

    /// `If-Match` of `version`, the ETag a form carried.
    static func ifMatch(_ version: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "If-Match", value: version)
        return headers
    }
}
