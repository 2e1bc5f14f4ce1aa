import Foundation
import Models
import Persistence
import ServiceKit

/// The one way accounts change: check → If-Match → mutate → version + 1 → save with the audit entry in one
/// transaction → end the sessions the change calls for.
///
/// A change of roles, organisation, email or password, and disabling, ends the user's sessions: their
/// refresh tokens are revoked and their access tokens refused (``SessionVersions``).
struct UserWorkflow {
    let users: UserRepository
    let organizations: OrganizationRepository
    let refreshTokens: RefreshTokenRepository
    let sessions: SessionVersions
    let hasher: PasswordHasher
    let audit: AuditRepository

    /// Creates the account `input` asks for.
    func create(_ input: NewUser, by actor: Principal) async throws -> User {
        var errors = FieldErrors()
        input.check(into: &errors)
        try await checkOrganization(input.organizationId, into: &errors)
        try errors.throwIfAny()
        var user = input.user(now: Date())
        try await checkEmailIsFree(user.email, for: nil)
        user.passwordHash = try await hasher.hash(input.password)
        do {
            try await users.database.transaction { [users, audit, user] session in
                try await users.insert(user, on: session)
                try await audit.record(
                    .userCreated, by: actor.subject, target: .user, id: user.id.text,
                    details: ["roles": user.roles.map(\.rawValue).sorted().joined(separator: ",")], on: session)
            }
        } catch {
            // A concurrent create of the same email wins the unique index: say so, not "internal error".
            if try await users.find(email: user.email) != nil { throw ServiceError.emailTaken }
            throw error
        }
        return user
    }

    /// Applies `changes` to `user`; `checkVersion` is the request's If-Match check, made after the fields
    /// are checked, so that a client with a stale ETag and a bad field hears about the field first.
    func update(_ user: User, with changes: UserChanges, by actor: Principal, checkVersion: (String) throws -> Void) async throws -> User {
        var changed = changes.applied(to: user)
        var errors = FieldErrors()
        changes.check(changed, into: &errors)
        if changed.organizationID != user.organizationID { try await checkOrganization(changed.organizationID, into: &errors) }
        try errors.throwIfAny()
        try checkVersion(user.eTag)
        if changed.email != user.email { try await checkEmailIsFree(changed.email, for: user.id) }
        if let password = changes.password { changed.passwordHash = try await hasher.hash(password) }
        let rolesChanged = changed.roles != user.roles
        let details =
            rolesChanged
            ? ["from": UserRepository.text(user.roles), "to": UserRepository.text(changed.roles)]
            : ["fields": Self.changedFields(user, changed).joined(separator: ",")]
        return try await save(changed, over: user, action: rolesChanged ? .rolesChanged : .userUpdated, by: actor, details: details)
    }

    /// Disables or enables `user`; asking for the state it is already in changes nothing.
    func setDisabled(_ isDisabled: Bool, _ user: User, by actor: Principal) async throws -> User {
        guard user.isDisabled != isDisabled else { return user }
        guard user.id.text != actor.subject else { throw ServiceError.cannotDisableSelf }
        var changed = user
        changed.isDisabled = isDisabled
        return try await save(changed, over: user, action: isDisabled ? .userDisabled : .userEnabled, by: actor, details: nil)
    }

    /// Saves `user` over `previous` as its next version, ending the user's sessions when the change calls for it.
    private func save(
        _ user: User, over previous: User, action: AuditEntry.Action, by actor: Principal,
        details: [String: String]?
    ) async throws -> User {
        var user = user
        user.version = previous.version + 1
        user.updatedAt = Date()
        let endsSessions = user.endsSessions(from: previous)
        if endsSessions { user.sessionVersion += 1 }
        try await users.database.transaction { [users, refreshTokens, audit, user] session in
            guard try await users.update(user, expectedVersion: previous.version, on: session) else { throw ServiceError.staleVersion }
            if endsSessions { try await refreshTokens.revokeAll(for: user.id, on: session) }
            try await audit.record(action, by: actor.subject, target: .user, id: user.id.text, details: details, on: session)
        }
        if endsSessions { sessions.forget([user.id]) }
        return user
    }

    /// Refuses an email another account has, or one that looks like another account's.
    private func checkEmailIsFree(_ email: String, for userID: UUID?) async throws {
        guard try await users.find(email: email) == nil else { throw ServiceError.emailTaken }
        guard try await !users.hasConfusable(of: email, other: userID) else { throw ServiceError.emailConfusable }
    }

    private func checkOrganization(_ id: UUID?, into errors: inout FieldErrors) async throws {
        guard let id else { return }
        let organization = try await organizations.find(id)
        errors.require(organization.map { !$0.isDisabled } ?? false, field: "organizationId", Organization.mustBeActive)
    }

    static func changedFields(_ old: User, _ new: User) -> [String] {
        var fields: [String] = []
        if old.email != new.email { fields.append("email") }
        if old.displayName != new.displayName { fields.append("displayName") }
        if old.passwordHash != new.passwordHash { fields.append("password") }
        if old.organizationID != new.organizationID { fields.append("organizationId") }
        return fields
    }
}
