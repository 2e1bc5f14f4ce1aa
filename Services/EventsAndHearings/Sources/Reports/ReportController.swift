import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/events/{id}/report`: the report of a held event. Those who run the event draft, edit and
/// submit it; staff approve it; everyone who may see the event reads it once approved. Changes need the
/// report's `If-Match`.
struct ReportController {
    let workflow: EventWorkflow
    let reports: ReportWorkflow
    let idempotency: IdempotencyMiddleware

    init(_ components: EventsComponents) {
        workflow = components.workflow
        reports = components.reports
        idempotency = components.idempotency
    }

    func register(on router: ServiceRouter) {
        let report = router.group("/api/v1/events/{id}/report")
        report.get(use: get)
        report.add(middleware: idempotency).post(use: create)
        report.put(use: edit)
        report.get("history", use: historyOf)
        report.post("transitions", use: transition)
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let event = try await workflow.load(context.eventID, for: identity)
        let report = try await reports.load(event)
        if EventAccess.mayRun(event, identity) { return try ReportDocument.response(report) }
        // Until staff approve it, the report is a working paper of those who run the event.
        guard report.status == .approved else { throw ServiceError.notFound("report") }
        return try .json(ReportDocument(report, full: false), eTag: report.eTag)
    }

    /// Who changed the report when: for those who run the event.
    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> ReportHistoryDocument {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let report = try await reports.load(caller.event)
        return ReportHistoryDocument(entries: try await reports.reports.entries(for: report.eventID))
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: ReportInput.self, context: context)
        return try ReportDocument.response(try await reports.create(caller, input), status: .created)
    }

    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: ReportInput.self, context: context)
        return try ReportDocument.response(try await reports.edit(caller, ifMatch: request, input))
    }

    @Sendable func transition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: ReportTransition.self, context: context)
        try input.validate()
        return try ReportDocument.response(try await reports.transition(caller, ifMatch: request, input))
    }
}
