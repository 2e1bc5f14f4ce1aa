import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// `/api/v1/api-keys`: partner systems' keys. Admins manage every organisation's keys; a CSO partner
/// manages only their own organisation's. A key never manages keys.
struct APIKeyController {
    let keys: APIKeyRepository
    let organizations: OrganizationRepository
    let audit: AuditRepository
    let idempotency: IdempotencyMiddleware

    func register(on router: ServiceRouter) {
        let group = router.group("/api/v1/api-keys")
        group.add(middleware: idempotency).post(use: create)
        group.get(use: list)
        group.delete("{id}", use: revoke)
    }

    /// A new key, with the secret shown this once.
    struct CreatedKey: Encodable {
        let key: String
        let apiKey: APIKey
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requirePrincipal()
        let input = try await request.decodeJSON(as: NewAPIKey.self, context: context)
        try Self.requireManager(actor, of: input.organizationId)
        let scopes = try input.validScopes(now: Date())
        guard let organization = try await organizations.find(input.organizationId), !organization.isDisabled else {
            throw ServiceError.validationFailed(["organizationId": Organization.mustBeActive])
        }
        let (key, secret) = try await keys.database.transaction { [keys, audit] session in
            let created = try await keys.create(
                organizationID: organization.id, name: input.name, scopes: scopes,
                expiresAt: input.expiresAt, createdBy: actor.subject, on: session)
            try await audit.record(
                .apiKeyCreated, by: actor.subject, target: .apiKey, id: created.0.id.text,
                details: ["organizationId": organization.id.text, "scopes": created.0.scopes.map(\.rawValue).joined(separator: ",")], on: session)
            return created
        }
        return try .secret(CreatedKey(key: secret, apiKey: key), status: .created).withSecretFields(["key"])
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<APIKey> {
        let actor = try context.requirePrincipal()
        let requested = try request.uri.queryParameters["organizationId"].map { raw -> UUID in
            guard let id = UUID(uuidString: String(raw)) else { throw ServiceError.invalidQuery("organizationId", "organizationId must be a UUID") }
            return id
        }
        let organizationID: UUID?
        if actor.roles.contains(.admin), !actor.isAPIKey {
            organizationID = requested
        } else {
            guard let own = actor.organizationID else { throw ServiceError.forbidden }
            try Self.requireManager(actor, of: requested ?? own)
            organizationID = own
        }
        return try await keys.list(
            organizationID: organizationID, includeRevoked: try request.boolQuery("includeRevoked") == true,
            page: try request.pageRequest())
    }

    @Sendable func revoke(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.requirePrincipal()
        guard let id = context.parameters.get("id", as: UUID.self), let key = try await keys.find(id) else {
            throw ServiceError.notFound("API key")
        }
        // Someone who may not manage the key's organisation learns nothing about it.
        do { try Self.requireManager(actor, of: key.organizationId) } catch { throw ServiceError.notFound("API key") }
        try await keys.database.transaction { [keys, audit] session in
            if try await keys.revoke(id, on: session) {
                try await audit.record(.apiKeyRevoked, by: actor.subject, target: .apiKey, id: id.text, on: session)
            }
        }
        return .noContent
    }

    static func requireManager(_ actor: Principal, of organizationID: UUID) throws {
        guard !actor.isAPIKey else { throw ServiceError.forbidden }
        if actor.roles.contains(.admin) { return }
        guard actor.roles.contains(.csoPartner), actor.organizationID == organizationID else { throw ServiceError.forbidden }
    }
}

extension APIKey: ResponseEncodable {}
