import Foundation
import Hummingbird
import Models
import ServiceKit

/// `POST /api/v1/broadcasts/questions/upvotes`: the public upvotes a question on the wall, once per client.
struct UpvoteController {
    let workflow: QuestionWorkflow
    /// Upvotes per client (by the gateway's client key) in a sliding minute: enough for a viewer who votes
    /// for every question on a busy wall, too few for a script to sway the queue. Everyone behind one carrier
    /// NAT shares the allowance, which is why it is generous.
    let upvotes = FailureThrottle(limit: BroadcastLimits.upvotesPerClientPerMinute, window: 60)

    init(_ components: BroadcastsComponents) {
        workflow = components.questions
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/broadcasts/questions/upvotes").add(middleware: NoStoreMiddleware()).post(use: upvote)
    }

    @Sendable func upvote(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        // A signed-in person who came without a client key (a direct call) votes as themselves.
        let principal: Principal? = if case .principal(let principal) = identity { principal } else { nil }
        guard let client = context.clientKey ?? principal.map({ "subject:\($0.subject)" }) else { throw ServiceError.clientUnknown }
        if let seconds = upvotes.retryAfter(client) { throw ServiceError.tooManyUpvotes(retryAfterSeconds: seconds) }
        let input = try await request.decodeJSON(as: UpvoteInput.self, context: context)
        upvotes.recordFailure(client)
        return try .json(try await workflow.upvote(input.questionId, client: client, by: identity))
    }
}
