import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// `/api/v1/broadcasts/episodes`: planning episodes, the list and one episode (what the caller may see),
/// their history, and the changes to an episode. Each change needs `If-Match` and goes through ``EpisodeWorkflow``.
struct EpisodeController {
    let workflow: EpisodeWorkflow
    let episodes: EpisodeRepository
    let history: EpisodeHistoryRepository
    let idempotency: IdempotencyMiddleware
    let answers: AnswerWorkflow

    init(_ components: BroadcastsComponents) {
        answers = components.answers
        workflow = components.workflow
        episodes = components.episodes
        history = components.history
        idempotency = components.idempotency
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/broadcasts/episodes").get(use: list)
        router.group("/api/v1/broadcasts/episodes").add(middleware: idempotency).post(use: create)
        let episode = router.group("/api/v1/broadcasts/episodes/{id}")
        episode.get(use: get)
        episode.patch(use: edit)
        episode.get("history", use: historyOf)
        episode.post("transitions", use: transition)
    }

    // MARK: Reading

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<EpisodeDocument> {
        let identity = try context.requireIdentity()
        var filter = try EpisodeRepository.Filter(request)
        filter.seesUnannounced = BroadcastAccess.seesUnannounced(identity)
        return try await episodes.list(filter, page: try request.pageRequest()).map { EpisodeDocument($0, for: identity) }
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try EpisodeDocument.response(try await workflow.load(context.episodeID, for: identity), for: identity)
    }

    /// Who moved the episode when: for staff.
    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> EpisodeHistoryDocument {
        let caller = try await workflow.authorize(try context.requireRole(BroadcastAccess.staff), episodeID: context.episodeID)
        return EpisodeHistoryDocument(entries: try await history.entries(for: caller.episode.id))
    }

    // MARK: Changing

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requireRole(BroadcastAccess.staff)
        let input = try await request.decodeJSON(as: NewEpisode.self, context: context)
        let episode = try await workflow.create(showId: input.showId, try input.details(), by: principal)
        return try EpisodeDocument.response(episode, for: .principal(principal), status: .created)
    }

    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(BroadcastAccess.staff), episodeID: context.episodeID)
        let patch = try await request.decodeJSON(as: EpisodePatch.self, context: context)
        return try EpisodeDocument.response(try await workflow.edit(caller, ifMatch: request, patch), for: .principal(caller.principal))
    }

    @Sendable func transition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(BroadcastAccess.staff), episodeID: context.episodeID)
        let input = try await request.decodeJSON(as: EpisodeTransition.self, context: context)
        try input.validate()
        guard input.to == .published else {
            return try EpisodeDocument.response(try await workflow.transition(caller, ifMatch: request, input), for: .principal(caller.principal))
        }
        // Answers approved before the replay was published told appeals without its link: they are told again.
        let retold = try await answers.answersToRetell(of: caller.episode)
        let published = try await workflow.transition(caller, ifMatch: request, input) { [answers] episode, now, session in
            if let retold { try await answers.retell(retold, in: episode, at: now, on: session) }
        }
        answers.facts.deliverSoon()
        return try EpisodeDocument.response(published, for: .principal(caller.principal))
    }
}
