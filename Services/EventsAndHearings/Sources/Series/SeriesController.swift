import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/events/{id}/recurrence` and `…/occurrences`: an event as the first occurrence of a series (RFC
/// 5545 RRULE), its occurrences (read by whoever may see the event) and changes to single ones (by those
/// who run it, with the event's `If-Match`).
struct SeriesController {
    let workflow: EventWorkflow

    init(_ components: EventsComponents) {
        workflow = components.workflow
    }

    func register(on router: ServiceRouter) {
        let event = router.group("/api/v1/events/{id}")
        event.put("recurrence", use: setRecurrence)
        event.delete("recurrence", use: removeRecurrence)
        event.get("occurrences", use: occurrences)
        event.post("occurrences/changes", use: changeOccurrence)
    }

    @Sendable func setRecurrence(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: RecurrenceInput.self, context: context)
        return try EventDocument.response(try await workflow.setRecurrence(caller, ifMatch: request, input))
    }

    @Sendable func removeRecurrence(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        return try EventDocument.response(try await workflow.removeRecurrence(caller, ifMatch: request))
    }

    @Sendable func changeOccurrence(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: OccurrenceChange.self, context: context)
        return try EventDocument.response(try await workflow.changeOccurrence(caller, ifMatch: request, input))
    }

    /// The occurrences whose original start lies in `from ..< to` (by default the year from the event's start).
    @Sendable func occurrences(_ request: Request, context: ServiceRequestContext) async throws -> OccurrenceList {
        let event = try await workflow.load(context.eventID, for: try context.requireIdentity())
        let window = TimeInterval(EventWorkflow.maxOccurrenceWindowDays) * 86_400
        let from = try request.dateQuery("from") ?? event.details.startsAt
        let to = try request.dateQuery("to") ?? from.addingTimeInterval(window)
        guard to > from, to.timeIntervalSince(from) <= window else {
            throw ServiceError.invalidQuery("to", "to must be after from and at most \(EventWorkflow.maxOccurrenceWindowDays) days later")
        }
        return OccurrenceList(items: try await workflow.occurrences(of: event, from: from, to: to))
    }
}
