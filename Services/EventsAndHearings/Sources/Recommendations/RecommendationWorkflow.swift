import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way recommendations are made and move: the caller runs their event, `If-Match` names the
/// recommendation's version, and each change is saved with its history entry and its outbox fact in one
/// transaction.
struct RecommendationWorkflow: Sendable {
    let recommendations: RecommendationRepository
    let events: EventWorkflow
    let facts: EventFacts
    /// The time now (history, first response); injected so tests can move it.
    let now: @Sendable () -> Date

    /// A recommendation and its event, if `identity` may see the event; otherwise 404.
    func load(_ id: UUID?, for identity: Identity) async throws -> (Recommendation, Event) {
        guard let id, let recommendation = try await recommendations.find(id) else { throw ServiceError.notFound("recommendation") }
        do {
            return (recommendation, try await events.load(recommendation.eventID, for: identity))
        } catch let error as ServiceError where error.status == .notFound {
            throw ServiceError.notFound("recommendation")
        }
    }

    /// A recommendation whose event `principal` runs: 404 when it is hidden from them, 403 when they may only read it.
    func authorize(_ principal: Principal, id: UUID?) async throws -> (Recommendation, EventWorkflow.Authorized) {
        let (recommendation, event) = try await load(id, for: .principal(principal))
        guard EventAccess.mayRun(event.details, principal) else { throw ServiceError.notYourEvent }
        return (recommendation, EventWorkflow.Authorized(principal: principal, event: event))
    }

    /// Records a recommendation made at the caller's event, `proposed`.
    func create(_ caller: EventWorkflow.Authorized, _ input: NewRecommendation) async throws -> Recommendation {
        guard ReportWorkflow.writableEventStatuses.contains(caller.event.status) else { throw ServiceError.eventNotHeld(caller.event.status) }
        try input.validate()
        let now = now()
        let recommendation = Recommendation(
            id: .v7(at: now), eventID: caller.event.id, text: input.text, dutyBearerID: input.dutyBearerId, dueOn: input.dueOn, status: .proposed,
            progress: 0, firstResponseAt: nil, createdBySubject: caller.principal.subject, createdAt: now, updatedAt: now, version: 1)
        let statements = [
            try recommendations.insertStatement(recommendation),
            try recommendations.appendStatement(
                to: recommendation.id, actor: caller.principal.subject, from: nil, to: .proposed, progress: 0, evidence: nil, note: nil, at: now),
        ]
        try await recommendations.database.transaction { [recommendations] session in
            // Counted in the transaction that adds one; two at once may both pass, which leaves the bound one over at most.
            guard try await recommendations.count(eventID: recommendation.eventID, on: session) < RecommendationLimits.maxPerEvent else {
                throw ServiceError.recommendationsFull
            }
            for statement in statements { try await session.raw(statement).run() }
        }
        return recommendation
    }

    /// Moves the recommendation along ``RecommendationStatus/allowedTransitions`` with its evidence.
    func transition(
        _ recommendation: Recommendation, by caller: EventWorkflow.Authorized, ifMatch request: Request, _ input: RecommendationTransition
    ) async throws -> Recommendation {
        try request.checkIfMatch(currentETag: recommendation.eTag)
        let from = recommendation.status
        guard from.allowedTransitions.contains(input.to) else {
            throw ServiceError.illegalRecommendationTransition(from: from, allowed: from.allowedTransitions)
        }
        let now = now()
        var changed = recommendation
        changed.status = input.to
        if let progress = input.progress { changed.progress = progress }
        if input.to == .implemented { changed.progress = 100 }
        if from == .proposed { changed.firstResponseAt = now }
        return try await save(changed, from: recommendation, by: caller, evidence: input.evidence, note: input.note, at: now)
    }

    /// Records how far the work on the recommendation is, with its evidence.
    func progress(
        _ recommendation: Recommendation, by caller: EventWorkflow.Authorized, ifMatch request: Request, _ input: RecommendationProgress
    ) async throws -> Recommendation {
        try request.checkIfMatch(currentETag: recommendation.eTag)
        guard recommendation.status.takesProgress else { throw ServiceError.progressNotOpen(recommendation.status) }
        var changed = recommendation
        changed.progress = input.progress
        return try await save(changed, from: recommendation, by: caller, evidence: input.evidence, note: input.note, at: now())
    }

    private func save(
        _ changed: Recommendation, from original: Recommendation, by caller: EventWorkflow.Authorized, evidence: Evidence, note: String?,
        at now: Date
    ) async throws -> Recommendation {
        var saved = changed
        saved.version += 1
        saved.updatedAt = now
        let history = try recommendations.appendStatement(
            to: saved.id, actor: caller.principal.subject, from: original.status, to: saved.status, progress: saved.progress, evidence: evidence,
            note: note, at: now)
        try await recommendations.database.transaction { [recommendations, facts, saved] session in
            guard try await recommendations.update(saved, expectedVersion: original.version, on: session) else { throw ServiceError.staleVersion }
            try await session.raw(history).run()
            if saved.status != original.status {
                try await facts.recordStatusChange(of: saved, from: original.status, at: now, on: session)
            }
        }
        facts.deliverSoon()
        return saved
    }
}
