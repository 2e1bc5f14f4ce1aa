import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/events/{id}/agenda`: read by whoever may see the event (so the public once it is published),
/// changed by those who run it. Every change needs the event's `If-Match` and answers with the whole
/// agenda and the event's new `ETag`.
struct AgendaController {
    let workflow: EventWorkflow
    let agenda: AgendaRepository

    init(_ components: EventsComponents) {
        workflow = components.workflow
        agenda = components.agenda
    }

    func register(on router: ServiceRouter) {
        let items = router.group("/api/v1/events/{id}/agenda")
        items.get(use: get)
        items.post(use: add)
        items.put("order", use: reorder)
        items.patch("{itemId}", use: change)
        items.delete("{itemId}", use: remove)
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try await response(try await workflow.load(context.eventID, for: try context.requireIdentity()))
    }

    @Sendable func add(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: AgendaItemInput.self, context: context)
        return try await response(try await workflow.addAgendaItem(caller, ifMatch: request, input), status: .created)
    }

    @Sendable func change(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: AgendaItemInput.self, context: context)
        return try await response(try await workflow.changeAgendaItem(caller, itemID: context.agendaItemID, ifMatch: request, input))
    }

    @Sendable func remove(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        return try await response(try await workflow.removeAgendaItem(caller, itemID: context.agendaItemID, ifMatch: request))
    }

    @Sendable func reorder(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: AgendaOrder.self, context: context)
        return try await response(try await workflow.reorderAgenda(caller, ifMatch: request, input))
    }

    /// The agenda of `event` with the event's ETag.
    private func response(_ event: Event, status: HTTPResponse.Status = .ok) async throws -> Response {
        let document = AgendaDocument(eventId: event.id, version: event.version, items: try await agenda.items(of: event.id))
        return try .json(document, status: status, eTag: event.eTag)
    }
}
