import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

extension PublicBroadcastsController {
    /// The most questions the wall shows: one API page, read again by reloading.
    static let wallLimit = 200
    /// The statuses in which the episode takes questions (the API's rule): its page shows the form and the upvotes.
    static let intakeStatuses: Set<EpisodeStatus> = [.intakeOpen, .live]

    /// `GET /broadcasts/episodes/{id}`: the episode with its show and the question wall, the questions the public may
    /// see as the API gives them; the 404 page for an episode not announced.
    @Sendable func episode(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        let notice = request.uri.queryParameters.get(UpvoteNotice.parameter).flatMap(UpvoteNotice.init(rawValue:))
        return try await episodePage(id, notice: notice, request: request, context: context)
    }

    /// The episode's page: its facts and the wall, and while it takes questions the question form, with `form`'s
    /// input and `problems` by their fields when a question came back, and upvote buttons; `notice` says how an
    /// upvote went.
    func episodePage(
        _ id: UUID, form: QuestionForm = QuestionForm(), problems: FieldMessages = FieldMessages(prefix: QuestionForm.errorKeyPrefix),
        notice: UpvoteNotice? = nil, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async throws -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let path = Self.apiPath(of: id)
        let episode: BroadcastsWire.Episode
        switch await api.get(BroadcastsWire.service, path, as: BroadcastsWire.Episode.self, context: context) {
        case .success(let found, _): episode = found
        case .problem(let problem) where problem.status < 500: throw HTTPError(.notFound)
        case .problem, .unavailable: return unavailable(request: request, context: context)
        }
        async let questions = api.get(
            BroadcastsWire.service, path + "/questions?limit=\(Self.wallLimit)", as: BroadcastsWire.QuestionPage.self, context: context)
        let show = await shows([episode.showId], context: context)[episode.showId]
        var values = BroadcastValues.of(episode, show: show, texts: texts, language: language)
        let isTakingQuestions = Self.intakeStatuses.contains(episode.status)
        if case .success(let page, _) = await questions {
            values["questions"] = page.items.map { ["id": $0.id.uuidString.lowercased(), "text": $0.text, "upvotes": $0.upvotes] as [String: Any] }
            values["hasQuestions"] = !page.items.isEmpty
        } else {
            values["isWallUnavailable"] = true
        }
        let selfPath = "/broadcasts/episodes/\(id.uuidString.lowercased())"
        values["selfPath"] = selfPath
        if isTakingQuestions {
            var ask = form.values(problems: problems, texts: texts, language: language)
            ask["action"] = selfPath + "/questions"
            values["ask"] = ask
            values["upvoteAction"] = selfPath + "/upvotes"
            // The wall's own script follows the live stream; without it a reload shows the latest.
            values["live"] = path + "/live"
        } else {
            // A question sent just as intake closed: said where the form was.
            values["askNotice"] = problems.form.flatMap { texts[$0] }
        }
        values["notice"] = notice.flatMap { texts[$0.textKey] }
        if episode.status == .published { values["replayPage"] = selfPath + "/replay" }
        return renderer.page(
            "broadcast_episode", title: values["theme"] as? String ?? "", values: values, status: status, request: request, context: context,
            hasForm: isTakingQuestions)
    }

    /// The API path of episode `id`.
    static func apiPath(of id: UUID) -> String { "/api/v1/broadcasts/episodes/\(id.uuidString.lowercased())" }

    /// The page saying broadcasts cannot be reached now (503): the rest of the site still works.
    func unavailable(request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        return renderer.page(
            "error", title: texts["broadcasts_title"] ?? "",
            values: ["heading": texts["broadcasts_title"] ?? "", "explanation": texts["broadcasts_unavailable_explanation"] ?? ""],
            status: .serviceUnavailable, request: request, context: context)
    }
}
