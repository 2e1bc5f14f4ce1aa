import Foundation
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/logframe/indicators`: the programme's logframe. Coordinators and admins manage it through
/// ``LogframeWorkflow``; who reads which indicator is ``LogframeAccess``'s rule.
struct LogframeController {
    static let path = "/api/v1/logframe/indicators"

    let indicators: LogframeRepository
    let workflow: LogframeWorkflow
    let idempotency: IdempotencyMiddleware

    func register(on router: ServiceRouter) {
        let group = router.group(RouterPath(Self.path))
        group.add(middleware: idempotency).post(use: create)
        group.get(use: list)
        group.get("{id}", use: get)
        group.patch("{id}", use: update)
        group.delete("{id}", use: delete)
        group.put("{id}/targets", use: setTargets)
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try LogframeAccess.requireManager(context)
        let input = try await request.decodeJSON(as: NewLogframeIndicator.self, context: context)
        return try Self.response(try await workflow.create(input, by: actor), status: .created)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<LogframeIndicator> {
        let seesEverything = LogframeAccess.seesEverything(context.identity)
        return try await indicators.list(publicOnly: !seesEverything, page: try request.pageRequest())
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try Self.response(try await find(context), status: .ok)
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try LogframeAccess.requireManager(context)
        let indicator = try await find(context)
        let changes = try await request.decodeJSON(as: LogframeIndicatorChanges.self, context: context)
        let updated = try await workflow.update(indicator, with: changes, by: actor, checkVersion: request.checkIfMatch(currentETag:))
        return try Self.response(updated, status: .ok)
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try LogframeAccess.requireManager(context)
        try await workflow.delete(try await find(context), by: actor, checkVersion: request.checkIfMatch(currentETag:))
        return Response(status: .noContent)
    }

    @Sendable func setTargets(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try LogframeAccess.requireManager(context)
        let indicator = try await find(context)
        let targets = try await request.decodeJSON(as: LogframeTargets.self, context: context)
        let updated = try await workflow.setTargets(targets, of: indicator, by: actor, checkVersion: request.checkIfMatch(currentETag:))
        return try Self.response(updated, status: .ok)
    }

    /// The indicator at `{id}`; one the caller may not see is answered as if it did not exist.
    private func find(_ context: ServiceRequestContext) async throws -> LogframeIndicator {
        guard let id = context.parameters.get("id", as: UUID.self), let indicator = try await indicators.find(id),
            LogframeAccess.canSee(indicator, seesEverything: LogframeAccess.seesEverything(context.identity))
        else { throw ServiceError.notFound("logframe indicator") }
        return indicator
    }

    static func response(_ indicator: LogframeIndicator, status: HTTPResponse.Status) throws -> Response {
        try .json(indicator, status: status, eTag: indicator.eTag)
    }
}

extension LogframeIndicator: ResponseEncodable {}
