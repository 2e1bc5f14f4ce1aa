import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// `/api/v1/events`: drafting events, the list and one event (what the caller may see), their history,
/// and the changes to an event. Each change needs `If-Match` and goes through ``EventWorkflow``.
struct EventController {
    let workflow: EventWorkflow
    let events: EventRepository
    let history: EventHistoryRepository
    let idempotency: IdempotencyMiddleware
    let organizationCheck: OrganizationCheck

    init(_ components: EventsComponents) {
        workflow = components.workflow
        events = components.events
        history = components.history
        idempotency = components.idempotency
        organizationCheck = components.organizationCheck
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/events").get(use: list)
        router.group("/api/v1/events").add(middleware: idempotency).post(use: create)
        let event = router.group("/api/v1/events/{id}")
        event.get(use: get)
        event.patch(use: edit)
        event.get("history", use: historyOf)
        event.post("transitions", use: transition)
        event.group("copy").add(middleware: idempotency).post(use: copy)
    }

    // MARK: Reading

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<EventDocument> {
        var filter = try EventRepository.Filter(request)
        EventAccess.restrict(&filter, for: try context.requireIdentity())
        return try await events.list(filter, page: try request.pageRequest()).map(EventDocument.init)
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try EventDocument.response(try await workflow.load(context.eventID, for: try context.requireIdentity()))
    }

    /// Who moved the event when: for those who run it.
    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> EventHistoryDocument {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        return EventHistoryDocument(entries: try await history.entries(for: caller.event.id))
    }

    // MARK: Changing

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requireRole(EventAccess.organizers)
        let details = try await request.decodeJSON(as: NewEvent.self, context: context).details()
        try await organizationCheck.require(OrganizationCheck.organizers(details.organizerId, details.coOrganizerIds))
        return try EventDocument.response(try await workflow.create(details, by: principal), status: .created)
    }

    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let patch = try await request.decodeJSON(as: EventPatch.self, context: context)
        // Only organisations the event does not name yet: keeping one that was disabled since is no new claim.
        let named = Set([caller.event.details.organizerId] + caller.event.details.coOrganizerIds)
        try await organizationCheck.require(OrganizationCheck.organizers(patch.organizerId, patch.coOrganizerIds, known: named))
        return try EventDocument.response(try await workflow.edit(caller, ifMatch: request, patch))
    }

    @Sendable func transition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: EventTransition.self, context: context)
        try input.validate()
        return try EventDocument.response(try await workflow.transition(caller, ifMatch: request, input))
    }

    /// A new draft like the event, on new dates, with its agenda.
    @Sendable func copy(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: EventCopy.self, context: context)
        return try EventDocument.response(try await workflow.copy(caller, input), status: .created)
    }
}

extension ServiceRequestContext {
    /// The `{id}` of an event's path, or `nil` when it is not a UUID (answered as 404).
    var eventID: UUID? { parameters.get("id", as: UUID.self) }
    /// The `{itemId}` of an agenda item's path, or `nil` when it is not a UUID (answered as 404).
    var agendaItemID: UUID? { parameters.get("itemId", as: UUID.self) }
}
