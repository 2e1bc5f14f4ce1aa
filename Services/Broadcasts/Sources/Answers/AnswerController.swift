import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// The answer log: `/api/v1/broadcasts/episodes/{id}/answers` (an episode's log, and logging an answer)
/// and `/api/v1/broadcasts/answers/{answerId}` (one answer, its changes, its review and history). Producers
/// write, legal experts review; the public reads approved answers. Every change goes through ``AnswerWorkflow``.
struct AnswerController {
    let workflow: AnswerWorkflow
    let episodes: EpisodeWorkflow
    let answers: AnswerRepository
    let history: AnswerHistoryRepository
    let idempotency: IdempotencyMiddleware

    init(_ components: BroadcastsComponents) {
        workflow = components.answers
        episodes = components.workflow
        answers = components.answers.answers
        history = components.answers.history
        idempotency = components.idempotency
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/broadcasts/episodes/{id}/answers").get(use: list)
        router.group("/api/v1/broadcasts/episodes/{id}/answers").add(middleware: idempotency).post(use: create)
        let answer = router.group("/api/v1/broadcasts/answers/{answerId}")
        answer.get(use: get)
        answer.patch(use: edit)
        answer.get("history", use: historyOf)
        answer.post("transitions", use: transition)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> AnswerList {
        let identity = try context.requireIdentity()
        let episode = try await episodes.load(context.episodeID, for: identity)
        let log = try await answers.answers(in: episode.id, approvedOnly: !AnswerAccess.seesUnapproved(identity))
        return AnswerList(answers: log.map { AnswerDocument($0, for: identity) })
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try AnswerDocument.response(try await workflow.load(context.answerID, for: identity).0, for: identity)
    }

    /// Who logged, changed and reviewed the answer when: for those who read the whole log.
    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> AnswerHistoryDocument {
        let caller = try await workflow.authorize(try context.requireRole(AnswerAccess.readers), answerID: context.answerID)
        return AnswerHistoryDocument(entries: try await history.entries(for: caller.answer.id))
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requireRole(AnswerAccess.writers)
        let input = try await request.decodeJSON(as: NewAnswer.self, context: context)
        let answer = try await workflow.create(episodeID: context.episodeID, input, by: principal)
        return try AnswerDocument.response(answer, for: .principal(principal), status: .created)
    }

    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AnswerAccess.writers), answerID: context.answerID)
        let patch = try await request.decodeJSON(as: AnswerPatch.self, context: context)
        return try AnswerDocument.response(try await workflow.edit(caller, ifMatch: request, patch), for: .principal(caller.principal))
    }

    @Sendable func transition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AnswerAccess.readers), answerID: context.answerID)
        let input = try await request.decodeJSON(as: AnswerTransition.self, context: context)
        try input.validate()
        return try AnswerDocument.response(try await workflow.transition(caller, ifMatch: request, input), for: .principal(caller.principal))
    }
}

extension ServiceRequestContext {
    /// The `{answerId}` of an answer's path, or `nil` when it is not a UUID (answered as 404).
    var answerID: UUID? { parameters.get("answerId", as: UUID.self) }
}
