import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// Questions: anyone sends one at `/api/v1/broadcasts/questions` (the episode named in the body, so the
/// gateway's edge rules can open exactly that path to the public) or at `…/episodes/{id}/questions`, and
/// reads their own by its receipt code; staff import appeals, and everyone reads an episode's questions as
/// their audience may (``QuestionAudience``).
struct QuestionController {
    let workflow: QuestionWorkflow
    let questions: QuestionRepository
    let history: QuestionHistoryRepository
    let idempotency: IdempotencyMiddleware
    /// Wrong receipt codes per client (by the gateway's client key), as appeals slows tracking-code guesses:
    /// ten free for typos, then a wait of 1 s that doubles with each further wrong code up to a minute. With
    /// 2^50 codes, a year of guessing at one a minute finds a question with odds far below one in a million.
    let lookupFailures = FailureBackoff(freeFailures: 10, initialDelay: 1, maxDelay: 60, forgetAfter: 15 * 60)

    init(_ components: BroadcastsComponents) {
        workflow = components.questions
        questions = components.questionRepository
        history = components.questionHistory
        idempotency = components.idempotency
    }

    func register(on router: ServiceRouter) {
        // A group's middleware applies to every route registered on it afterwards, nested groups included: each
        // route with middleware of its own gets a group of its own.
        // The receipt holds the code, shown once: never cached, never kept for a replay.
        router.group("/api/v1/broadcasts/questions").add(middleware: NoStoreMiddleware()).add(middleware: idempotency).post(use: submit)
        router.group("/api/v1/broadcasts/questions/lookup").add(middleware: NoStoreMiddleware()).post(use: lookup)
        let episode = router.group("/api/v1/broadcasts/episodes/{id}/questions")
        episode.get(use: list)
        episode.get("{questionId}", use: get)
        episode.get("{questionId}/history", use: historyOf)
        episode.patch("{questionId}", use: edit)
        episode.post("{questionId}/transitions", use: transition)
        router.group("/api/v1/broadcasts/episodes/{id}/questions").add(middleware: NoStoreMiddleware()).add(middleware: idempotency)
            .post(use: submit)
        router.group("/api/v1/broadcasts/episodes/{id}/questions/import").add(middleware: idempotency).post(use: importAppeal)
    }

    // MARK: Intake

    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let input = try await request.decodeJSON(as: NewQuestion.self, context: context)
        guard let episodeID = context.episodeID ?? input.episodeId else { throw ServiceError.validationFailed(["episodeId": "is required"]) }
        let episode = try await workflow.episodes.load(episodeID, for: identity)
        let receipt = try await workflow.submit(input, to: episode, from: identity)
        return try .json(receipt, status: .created).withSecretFields(["receiptCode"])
    }

    /// The author's own question by its receipt code, in the body so it stays out of access logs.
    @Sendable func lookup(_ request: Request, context: ServiceRequestContext) async throws -> QuestionDocument {
        _ = try context.requireIdentity()
        let client = context.clientKey ?? "unknown"
        if let seconds = lookupFailures.retryAfter(client) { throw ServiceError.tooManyReceiptLookups(retryAfterSeconds: seconds) }
        let code = try await request.decodeJSON(as: ReceiptCodeInput.self, context: context).canonical()
        guard let question = try await workflow.lookup(receiptCode: code) else {
            lookupFailures.recordFailure(client)
            throw ServiceError.unknownReceiptCode
        }
        return QuestionDocument(question, for: .author)
    }

    @Sendable func importAppeal(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requireRole(BroadcastAccess.staff)
        let episode = try await workflow.episodes.load(context.episodeID, for: .principal(principal))
        let input = try await request.decodeJSON(as: AppealImport.self, context: context)
        let question = try await workflow.importAppeal(input, to: episode, by: principal)
        return try QuestionDocument.response(question, for: QuestionAudience(.principal(principal)), status: .created)
    }

    // MARK: Reading

    /// The episode's questions the caller's audience sees, in the moderator's order; staff filter by `state`.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<QuestionDocument> {
        let identity = try context.requireIdentity()
        let episode = try await workflow.episodes.load(context.episodeID, for: identity)
        let audience = QuestionAudience(identity)
        let asked = try request.enumListQuery("state", as: QuestionState.self) ?? []
        let visible = QuestionState.allCases.filter { audience.sees(state: $0, in: episode.details.moderationMode) }
        let states = asked.isEmpty ? (audience.isStaff ? [] : visible) : asked.filter(visible.contains)
        // Asking only for states the audience may not see leaves nothing to list.
        if !asked.isEmpty && states.isEmpty { return Page(items: [], nextCursor: nil) }
        return try await questions.list(in: episode.id, states: states, page: try request.pageRequest()).map { QuestionDocument($0, for: audience) }
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let episode = try await workflow.episodes.load(context.episodeID, for: identity)
        let audience = QuestionAudience(identity)
        guard let id = context.questionID, let question = try await questions.find(id), question.episodeId == episode.id,
            audience.sees(question, in: episode.details.moderationMode)
        else { throw ServiceError.notFound("question") }
        return try QuestionDocument.response(question, for: audience)
    }

    /// Who moved the question when: for staff.
    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> QuestionHistoryDocument {
        let caller = try await workflow.authorize(
            try context.requireRole(BroadcastAccess.staff), episodeID: context.episodeID, questionID: context.questionID)
        return QuestionHistoryDocument(entries: try await history.entries(for: caller.question.id))
    }
}

extension QuestionController {
    // MARK: Moderating

    /// The moderator's public text and queue position; `If-Match` is the question's ETag.
    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(
            try context.requireRole(BroadcastAccess.staff), episodeID: context.episodeID, questionID: context.questionID)
        let patch = try await request.decodeJSON(as: QuestionPatch.self, context: context)
        let question = try await workflow.edit(caller, ifMatch: request, patch)
        return try QuestionDocument.response(question, for: QuestionAudience(.principal(caller.principal)))
    }

    /// A move along the question's transition table; `If-Match` is the question's ETag.
    @Sendable func transition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(
            try context.requireRole(BroadcastAccess.staff), episodeID: context.episodeID, questionID: context.questionID)
        let move = try await request.decodeJSON(as: QuestionMove.self, context: context)
        let question = try await workflow.move(caller, ifMatch: request, move)
        return try QuestionDocument.response(question, for: QuestionAudience(.principal(caller.principal)))
    }
}

extension ServiceRequestContext {
    /// The `{questionId}` of a question's path, or `nil` when it is not a UUID (answered as 404).
    var questionID: UUID? { parameters.get("questionId", as: UUID.self) }
}
