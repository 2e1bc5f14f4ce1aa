import Foundation
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/organizations`: the directory of organisations. Any signed-in user may read it (services
/// and people need to name organisations); admins and coordinators manage it, through ``OrganizationWorkflow``.
struct OrganizationController {
    static let managers: Set<Role> = [.admin, .coordinator]

    let organizations: OrganizationRepository
    let workflow: OrganizationWorkflow
    let idempotency: IdempotencyMiddleware

    func register(on router: ServiceRouter) {
        let group = router.group("/api/v1/organizations")
        group.add(middleware: idempotency).post(use: create)
        group.get(use: list)
        group.get("{id}", use: get)
        group.patch("{id}", use: update)
        group.post("{id}/disable") { request, context in try await setDisabled(true, request: request, context: context) }
        group.post("{id}/enable") { request, context in try await setDisabled(false, request: request, context: context) }
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireRole(Self.managers)
        let input = try await request.decodeJSON(as: NewOrganization.self, context: context)
        return try Self.response(try await workflow.create(input, by: actor), status: .created)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<Organization> {
        _ = try context.requirePrincipal()
        var filter = OrganizationRepository.Filter()
        filter.type = try request.enumQuery("type")
        filter.regionCode = try request.enumQuery("regionCode")
        filter.includeDisabled = try request.boolQuery("includeDisabled") == true
        return try await organizations.list(filter, page: try request.pageRequest())
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try Self.response(try await find(context), status: .ok)
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireRole(Self.managers)
        let organization = try await find(context)
        let changes = try await request.decodeJSON(as: OrganizationChanges.self, context: context)
        let updated = try await workflow.update(organization, with: changes, by: actor, checkVersion: request.checkIfMatch(currentETag:))
        return try Self.response(updated, status: .ok)
    }

    func setDisabled(_ isDisabled: Bool, request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireRole(Self.managers)
        let organization = try await workflow.setDisabled(
            isDisabled, try await find(context), by: actor,
            checkVersion: request.checkIfMatch(currentETag:))
        return try Self.response(organization, status: .ok)
    }

    private func find(_ context: ServiceRequestContext) async throws -> Organization {
        guard let id = context.parameters.get("id", as: UUID.self), let organization = try await organizations.find(id) else {
            throw ServiceError.notFound("organization")
        }
        return organization
    }

    static func response(_ organization: Organization, status: HTTPResponse.Status) throws -> Response {
        try .json(organization, status: status, eTag: organization.eTag)
    }
}
