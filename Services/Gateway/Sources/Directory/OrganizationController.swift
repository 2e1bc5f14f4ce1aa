import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// `/api/v1/organizations`: the directory of organisations. Any signed-in user may read it (services
/// and people need to name organisations); admins and coordinators manage it.
///
/// Disabling an organisation takes away all access that acts for it: its members can no longer sign in,
/// their sessions end, and its API keys are revoked for good. Enabling it again lets its members sign
/// in; its keys stay revoked, so a partner needs a new one.
struct OrganizationController {
    static let managers: Set<Role> = [.admin, .coordinator]

    let repository: OrganizationRepository
    let users: UserRepository
    let refreshTokens: RefreshTokens
    let sessions: SessionVersions
    let apiKeys: APIKeyRepository
    let audit: AuditLog
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

    struct NewOrganization: Decodable {
        let type: Organization.Kind
        let name: LocalizedText
        let regionCode: Region?

        /// The organisation this asks for, not yet checked or saved.
        func organization(now: Date) -> Organization {
            Organization(id: .v7(), type: type, name: name, regionCode: regionCode, isDisabled: false, version: 1, createdAt: now, updatedAt: now)
        }
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireRole(Self.managers)
        let input = try await request.decodeJSON(as: NewOrganization.self, context: context)
        let organization = input.organization(now: Date())
        try organization.validate()
        try await repository.database.transaction { [repository, audit] session in
            try await repository.insert(organization, on: session)
            try await audit.record(.organizationCreated, by: actor.subject, target: .organization,
                                   id: organization.id.text, details: ["type": organization.type.rawValue], on: session)
        }
        return try Self.response(organization, status: .created)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<Organization> {
        _ = try context.requirePrincipal()
        var filter = OrganizationRepository.Filter()
        filter.type = try request.enumQuery("type")
        filter.regionCode = try request.enumQuery("regionCode")
        filter.includeDisabled = try request.boolQuery("includeDisabled") == true
        return try await repository.list(filter, page: try request.pageRequest())
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try Self.response(try await find(context), status: .ok)
    }

    struct OrganizationChanges: Decodable {
        let name: LocalizedText?
        let regionCode: Region?
        let type: Organization.Kind?
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireRole(Self.managers)
        var organization = try await find(context)
        let changes = try await request.decodeJSON(as: OrganizationChanges.self, context: context)
        let currentETag = organization.eTag
        let expectedVersion = organization.version
        let previousRegion = organization.regionCode
        organization.name = changes.name ?? organization.name
        organization.type = changes.type ?? organization.type
        organization.regionCode = changes.regionCode ?? organization.regionCode
        try organization.validate()
        try request.checkIfMatch(currentETag: currentETag)
        organization.version += 1
        organization.updatedAt = Date()
        // Members' tokens carry the region, which scopes what a council member sees: a new region makes
        // them refresh (their refresh tokens stay good) to get tokens that say so.
        let members = try await save(organization, expectedVersion: expectedVersion, action: .organizationUpdated, actor: actor,
                                     endsMemberSessions: organization.regionCode != previousRegion)
        sessions.forget(members)
        return try Self.response(organization, status: .ok)
    }

    /// Disables or enables an organisation, with `If-Match` like every change; asking for the state it
    /// is already in changes nothing.
    func setDisabled(_ isDisabled: Bool, request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try context.requireRole(Self.managers)
        var organization = try await find(context)
        guard organization.isDisabled != isDisabled else { return try Self.response(organization, status: .ok) }
        try request.checkIfMatch(currentETag: organization.eTag)
        let expectedVersion = organization.version
        organization.isDisabled = isDisabled
        organization.version += 1
        organization.updatedAt = Date()
        let endedSessions = try await repository.database.transaction { [repository, audit, organization] session in
            guard try await repository.update(organization, expectedVersion: expectedVersion, on: session) else {
                throw ServiceError.staleVersion
            }
            let (members, keys) = isDisabled ? try await endAccess(to: organization.id, on: session) : ([], [])
            let details = isDisabled ? ["members": String(members.count), "apiKeysRevoked": String(keys.count)] : nil
            try await audit.record(isDisabled ? .organizationDisabled : .organizationEnabled, by: actor.subject, target: .organization,
                                   id: organization.id.text, details: details, on: session)
            return members
        }
        // After the commit: this replica refuses the old sessions and keys at once, others within their cache times.
        sessions.forget(endedSessions)
        apiKeys.forgetKeys(of: organization.id)
        return try Self.response(organization, status: .ok)
    }

    /// Saves `organization`; with `endsMemberSessions`, raises its members' session versions and returns them.
    private func save(_ organization: Organization, expectedVersion: Int, action: AuditEntry.Action, actor: Principal,
                      endsMemberSessions: Bool) async throws -> [UUID] {
        try await repository.database.transaction { [repository, users, audit] session in
            guard try await repository.update(organization, expectedVersion: expectedVersion, on: session) else {
                throw ServiceError.staleVersion
            }
            try await audit.record(action, by: actor.subject, target: .organization, id: organization.id.text, on: session)
            return endsMemberSessions ? try await users.endSessions(ofMembersOf: organization.id, on: session) : []
        }
    }

    /// Ends every member's sessions (versions raised, refresh tokens revoked) and revokes the
    /// organisation's API keys; returns the members and the keys.
    private func endAccess(to organizationID: UUID, on session: any SQLDatabase) async throws -> (members: [UUID], keys: [UUID]) {
        let members = try await users.endSessions(ofMembersOf: organizationID, on: session)
        for member in members { try await refreshTokens.revokeAll(for: member, on: session) }
        return (members, try await apiKeys.revokeAll(of: organizationID, on: session))
    }

    private func find(_ context: ServiceRequestContext) async throws -> Organization {
        guard let id = context.parameters.get("id", as: UUID.self), let organization = try await repository.find(id) else {
            throw ServiceError.notFound("organization")
        }
        return organization
    }

    static func response(_ organization: Organization, status: HTTPResponse.Status) throws -> Response {
        try .json(organization, status: status, eTag: organization.eTag)
    }
}
