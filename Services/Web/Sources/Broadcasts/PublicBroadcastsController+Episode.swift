import Foundation
import Hummingbird
import Models
import ServiceKit

extension PublicBroadcastsController {
    /// The most questions the wall shows: one API page, read again by reloading.
    static let wallLimit = 200

    /// `GET /broadcasts/episodes/{id}`: the episode with its show and the question wall, the questions the public may
    /// see as the API gives them; the 404 page for an episode not announced.
    @Sendable func episode(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let path = "/api/v1/broadcasts/episodes/\(id.uuidString.lowercased())"
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
        if case .success(let page, _) = await questions {
            values["questions"] = page.items.map { ["id": $0.id.uuidString.lowercased(), "text": $0.text, "upvotes": $0.upvotes] as [String: Any] }
            values["hasQuestions"] = !page.items.isEmpty
        } else {
            values["isWallUnavailable"] = true
        }
        values["selfPath"] = "/broadcasts/episodes/\(id.uuidString.lowercased())"
        return renderer.page("broadcast_episode", title: values["theme"] as? String ?? "", values: values, request: request, context: context)
    }

    /// The page saying broadcasts cannot be reached now (503): the rest of the site still works.
    func unavailable(request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        return renderer.page(
            "error", title: texts["broadcasts_title"] ?? "",
            values: ["heading": texts["broadcasts_title"] ?? "", "explanation": texts["broadcasts_unavailable_explanation"] ?? ""],
            status: .serviceUnavailable, request: request, context: context)
    }
}
