import Foundation
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

/// How an upvote from the wall went, said on the wall after the redirect: the closed set of notices the episode
/// page reads from its `notice` parameter (any other value is ignored).
enum UpvoteNotice: String, CaseIterable, Sendable {
    /// The vote counts.
    case counted
    /// This client had upvoted the question already.
    case repeated
    /// Too many upvotes from this client in a minute.
    case throttled
    /// The question is no longer on the wall, or the vote could not be sent.
    case refused

    /// The query parameter that carries it.
    static let parameter = "notice"
    /// Its text's catalogue key.
    var textKey: String { "broadcasts_public_upvote_\(rawValue)" }
}

extension PublicBroadcastsController {
    /// `POST /broadcasts/episodes/{id}/upvotes`: upvotes the form's question as the visitor (the API counts one vote
    /// per client key, which the page call carries) and goes back to the wall (303) with a notice of how it went; a
    /// repeated or throttled vote is a notice there, never an error page.
    @Sendable func upvote(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let wall = "/broadcasts/episodes/\(id.uuidString.lowercased())"
        guard let questionID = fields.trimmed("questionId").flatMap(UUID.init(uuidString:)) else {
            return renderer.redirect(to: "\(wall)?\(UpvoteNotice.parameter)=\(UpvoteNotice.refused.rawValue)#wall")
        }
        let outcome = await api.send(
            .POST, BroadcastsWire.service, "/api/v1/broadcasts/questions/upvotes", json: PublicBroadcastsWire.Upvote(questionId: questionID),
            as: PublicBroadcastsWire.UpvoteResult.self, context: context)
        let notice: UpvoteNotice =
            switch outcome {
            case .success(let result, _): result.counted ? .counted : .repeated
            case .problem(let problem) where problem.status == 429: .throttled
            case .problem, .unavailable: .refused
            }
        // Back to the wall's top, where the notice is said.
        return renderer.redirect(to: "\(wall)?\(UpvoteNotice.parameter)=\(notice.rawValue)#wall")
    }
}
