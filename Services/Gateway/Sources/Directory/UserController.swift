import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// `/api/v1/users`: admins manage accounts. Members of an organisation may read their own
/// organisation's users (a council sees its council), never another's.
///
/// Emails are normalised (``EmailAddress``); one that looks like another account's is refused. Changes go
/// through ``UserWorkflow``, which ends the sessions a change calls for.
struct UserController {
    let users: UserRepository
    let workflow: UserWorkflow
    let idempotency: IdempotencyMiddleware

    func register(on router: ServiceRouter) {
        let group = router.group("/api/v1/users")
        group.add(middleware: idempotency).post(use: create)
        group.get(use: list)
        group.get("{id}", use: get)
        group.patch("{id}", use: update)
        group.post("{id}/disable") { request, context in try await setDisabled(true, request: request, context: context) }
        group.post("{id}/enable") { request, context in try await setDisabled(false, request: request, context: context) }
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireAdmin()
        let input = try await request.decodeJSON(as: NewUser.self, context: context)
        let user = try await workflow.create(input, by: actor)
        return try .json(user.representation, status: .created, eTag: user.eTag)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<User.Representation> {
        let actor = try context.requirePrincipal()
        guard !actor.isAPIKey else { throw ServiceError.forbidden }
        var filter = UserRepository.Filter()
        if let raw = request.uri.queryParameters["organizationId"] {
            guard let id = UUID(uuidString: String(raw)) else { throw ServiceError.invalidQuery("organizationId", "organizationId must be a UUID") }
            filter.organizationID = id
        }
        filter.role = try request.enumQuery("role")
        filter.includeDisabled = try request.boolQuery("includeDisabled") == true
        if !actor.roles.contains(.admin) {
            guard let own = actor.organizationID, filter.organizationID == nil || filter.organizationID == own else {
                throw ServiceError.forbidden
            }
            filter.organizationID = own
        }
        return try await users.list(filter, page: try request.pageRequest()).map(\.representation)
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requirePrincipal()
        let user = try await find(context)
        let isVisible =
            actor.roles.contains(.admin) || actor.subject == user.id.text
            || (actor.organizationID != nil && actor.organizationID == user.organizationID)
        // Users of other organisations are indistinguishable from users that do not exist.
        guard isVisible, !actor.isAPIKey else { throw ServiceError.notFound("user") }
        return try .json(user.representation, eTag: user.eTag)
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireAdmin()
        let user = try await find(context)
        let changes = try await request.decodeJSON(as: UserChanges.self, context: context)
        let updated = try await workflow.update(user, with: changes, by: actor, checkVersion: request.checkIfMatch(currentETag:))
        return try .json(updated.representation, eTag: updated.eTag)
    }

    func setDisabled(_ isDisabled: Bool, request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireAdmin()
        let user = try await workflow.setDisabled(isDisabled, try await find(context), by: actor)
        return try .json(user.representation, eTag: user.eTag)
    }

    private func find(_ context: ServiceRequestContext) async throws -> User {
        guard let id = context.parameters.get("id", as: UUID.self), let user = try await users.find(id) else {
            throw ServiceError.notFound("user")
        }
        return user
    }
}
