import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way organisations change: check → If-Match → mutate → version + 1 → save with the audit entry
/// in one transaction → end the sessions and keys the change calls for.
///
/// Disabling an organisation takes away all access that acts for it: its members can no longer sign in,
/// their sessions end, and its API keys are revoked for good. Enabling it again lets its members sign
/// in; its keys stay revoked, so a partner needs a new one.
struct OrganizationWorkflow {
    let organizations: OrganizationRepository
    let users: UserRepository
    let refreshTokens: RefreshTokenRepository
    let sessions: SessionVersions
    let apiKeys: APIKeyRepository
    let audit: AuditRepository

    /// Creates the organisation `input` asks for.
    func create(_ input: NewOrganization, by actor: Principal) async throws -> Organization {
        let organization = input.organization(now: Date())
        try organization.validate()
        try await organizations.database.transaction { [organizations, audit] session in
            try await organizations.insert(organization, on: session)
            try await audit.record(
                .organizationCreated, by: actor.subject, target: .organization,
                id: organization.id.text, details: ["type": organization.type.rawValue], on: session)
        }
        return organization
    }

    /// Applies `changes`; `checkVersion` is the request's If-Match check, made after the fields are checked.
    func update(
        _ organization: Organization, with changes: OrganizationChanges, by actor: Principal,
        checkVersion: (String) throws -> Void
    ) async throws -> Organization {
        let changed = changes.applied(to: organization)
        try changed.validate()
        try checkVersion(organization.eTag)
        // Members' tokens carry the region, which scopes what a council member sees: a new region makes
        // them refresh (their refresh tokens stay good) to get tokens that say so.
        let endsMemberSessions = changed.regionCode != organization.regionCode
        let (saved, members) = try await save(changed, over: organization, action: .organizationUpdated, by: actor) { session in
            (endsMemberSessions ? try await users.endSessions(ofMembersOf: organization.id, on: session) : [], nil)
        }
        sessions.forget(members)
        return saved
    }

    /// Disables or enables an organisation, with `If-Match` like every change; asking for the state it is
    /// already in changes nothing.
    func setDisabled(
        _ isDisabled: Bool, _ organization: Organization, by actor: Principal,
        checkVersion: (String) throws -> Void
    ) async throws -> Organization {
        guard organization.isDisabled != isDisabled else { return organization }
        try checkVersion(organization.eTag)
        var changed = organization
        changed.isDisabled = isDisabled
        let action: AuditEntry.Action = isDisabled ? .organizationDisabled : .organizationEnabled
        let (saved, members) = try await save(changed, over: organization, action: action, by: actor) { session in
            guard isDisabled else { return ([], nil) }
            let (members, keys) = try await endAccess(to: organization.id, on: session)
            return (members, ["members": String(members.count), "apiKeysRevoked": String(keys.count)])
        }
        // After the commit: this replica refuses the old sessions and keys at once, others within their cache times.
        sessions.forget(members)
        if isDisabled { apiKeys.forgetKeys(of: organization.id) }
        return saved
    }

    /// Saves `organization` over `previous` as its next version; `alongside` runs in the same transaction
    /// and returns the members whose sessions it ended and the audit entry's details.
    private func save(
        _ organization: Organization, over previous: Organization, action: AuditEntry.Action, by actor: Principal,
        alongside: @escaping @Sendable (any SQLDatabase) async throws -> (members: [UUID], details: [String: String]?)
    ) async throws -> (Organization, members: [UUID]) {
        var organization = organization
        organization.version = previous.version + 1
        organization.updatedAt = Date()
        let members = try await organizations.database.transaction { [organizations, audit, organization] session in
            guard try await organizations.update(organization, expectedVersion: previous.version, on: session) else {
                throw ServiceError.staleVersion
            }
            let (members, details) = try await alongside(session)
            try await audit.record(action, by: actor.subject, target: .organization, id: organization.id.text, details: details, on: session)
            return members
        }
        return (organization, members)
    }

    /// Ends every member's sessions (versions raised, refresh tokens revoked) and revokes the
    /// organisation's API keys; returns the members and the keys.
    private func endAccess(to organizationID: UUID, on session: any SQLDatabase) async throws -> (members: [UUID], keys: [UUID]) {
        let members = try await users.endSessions(ofMembersOf: organizationID, on: session)
        for member in members { try await refreshTokens.revokeAll(for: member, on: session) }
        return (members, try await apiKeys.revokeAll(of: organizationID, on: session))
    }
}
