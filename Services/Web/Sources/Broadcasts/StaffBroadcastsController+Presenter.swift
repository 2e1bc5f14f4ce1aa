import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

extension StaffBroadcastsController {
    /// How many of the questions coming next the presenter's screen shows under the one on air.
    static let presenterNextCount = 3

    /// `GET /staff/broadcasts/episodes/{id}/presenter`: the question on air in large type and the next ones in the
    /// queue, as the audience reads them (their public texts). `presenter.js` keeps it current through the episode's
    /// live stream; without the script a reload shows the same.
    @Sendable func presenter(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/presenter") }
        let questionsPath = Self.apiPath(of: id) + "/questions?state=on_air,queued&limit=\(Self.queueLimit)"
        async let questionsRead = api.get(BroadcastsWire.service, questionsPath, as: StaffBroadcastsWire.QuestionPage.self, context: context)
        let read: (episode: StaffBroadcastsWire.Episode, version: String)
        switch await episode(id, request: request, context: context) {
        case .success(let value): read = value
        case .failure(let failure): return failure.response
        }
        let questions: [StaffBroadcastsWire.Question]
        switch await questionsRead {
        case .success(let page, _): questions = page.items
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values = episodeValues(read.episode, texts: texts, language: language)
        // The API lists them in the moderator's order, as the script sorts what the stream sends.
        values["current"] = questions.first { $0.state == .onAir }?.text
        let next = questions.filter { $0.state == .queued }.prefix(Self.presenterNextCount)
        values["next"] = next.map { ["text": $0.text] }
        values["hasNext"] = !next.isEmpty
        values["nextCount"] = Self.presenterNextCount
        return renderer.page(
            "staff_broadcast_presenter", title: texts["broadcasts_staff_presenter_title"] ?? "", values: values, request: request, context: context)
    }

    /// The presenter's screen's script: a file of our own, as the pages' policy allows no inline script.
    @Sendable func presenterScript(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/javascript; charset=utf-8"
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.presenter_js)))
    }
}
