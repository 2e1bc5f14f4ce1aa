import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// Recommendations made at events: `/api/v1/events/{id}/recommendations` (the event's, and making one) and
/// `/api/v1/events/recommendations/{id}` (one, its history and its changes). Whoever may see the event
/// reads them; those who run it make and move them, each move with evidence and the recommendation's
/// `If-Match`.
struct RecommendationController {
    let events: EventWorkflow
    let recommendations: RecommendationWorkflow
    let idempotency: IdempotencyMiddleware
    let organizationCheck: OrganizationCheck
    let now: @Sendable () -> Date

    init(_ components: EventsComponents) {
        events = components.workflow
        recommendations = components.recommendations
        organizationCheck = components.organizationCheck
        idempotency = components.idempotency
        now = components.now
    }

    func register(on router: ServiceRouter) {
        let ofEvent = router.group("/api/v1/events/{id}/recommendations")
        ofEvent.get(use: list)
        ofEvent.add(middleware: idempotency).post(use: create)
        let one = router.group("/api/v1/events/recommendations/{recommendationId}")
        one.get(use: get)
        one.get("history", use: historyOf)
        one.post("transitions", use: transition)
        one.post("progress", use: progress)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> RecommendationList {
        let event = try await events.load(context.eventID, for: try context.requireIdentity())
        let today = BishkekTime.day(of: now())
        return RecommendationList(items: try await recommendations.recommendations.list(eventID: event.id).map { .init($0, today: today) })
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await events.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: NewRecommendation.self, context: context)
        try input.validate()
        try await organizationCheck.require([("dutyBearerId", input.dutyBearerId)])
        let recommendation = try await recommendations.create(caller, input)
        return try RecommendationDocument.response(recommendation, today: BishkekTime.day(of: now()), status: .created)
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (recommendation, _) = try await recommendations.load(context.recommendationID, for: try context.requireIdentity())
        return try RecommendationDocument.response(recommendation, today: BishkekTime.day(of: now()))
    }

    /// Every change with its evidence; who recorded it only for those who run the event.
    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> RecommendationHistoryDocument {
        let identity = try context.requireIdentity()
        let (recommendation, event) = try await recommendations.load(context.recommendationID, for: identity)
        var entries = try await recommendations.recommendations.entries(for: recommendation.id)
        if !EventAccess.mayRun(event, identity) {
            for index in entries.indices { entries[index].actor = nil }
        }
        return RecommendationHistoryDocument(entries: entries)
    }

    @Sendable func transition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (recommendation, caller) = try await recommendations.authorize(
            try context.requireRole(EventAccess.organizers), id: context.recommendationID)
        let input = try await request.decodeJSON(as: RecommendationTransition.self, context: context)
        try input.validate()
        let changed = try await recommendations.transition(recommendation, by: caller, ifMatch: request, input)
        return try RecommendationDocument.response(changed, today: BishkekTime.day(of: now()))
    }

    @Sendable func progress(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (recommendation, caller) = try await recommendations.authorize(
            try context.requireRole(EventAccess.organizers), id: context.recommendationID)
        let input = try await request.decodeJSON(as: RecommendationProgress.self, context: context)
        try input.validate()
        let changed = try await recommendations.progress(recommendation, by: caller, ifMatch: request, input)
        return try RecommendationDocument.response(changed, today: BishkekTime.day(of: now()))
    }
}

extension ServiceRequestContext {
    /// The `{recommendationId}` of a recommendation's path, or `nil` when it is not a UUID (answered as 404).
    var recommendationID: UUID? { parameters.get("recommendationId", as: UUID.self) }
}
