import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// `/api/v1/users`: admins manage accounts. Members of an organisation may read their own
/// organisation's users (a council sees its council), never another's.
///
/// Emails are normalised (``EmailAddress``); one that looks like another account's is refused. A change
/// of roles, organisation, email or password, and disabling, ends the user's sessions: their refresh
/// tokens are revoked and their access tokens refused (``SessionVersions``).
struct UserController {
    let users: UserRepository
    let organizations: OrganizationRepository
    let refreshTokens: RefreshTokens
    let sessions: SessionVersions
    let hasher: PasswordHasher
    let audit: AuditLog
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

    struct NewUser: Decodable {
        let email: String
        let displayName: String
        let password: String
        let roles: [Role]
        let organizationId: UUID?
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try Self.requireAdmin(context)
        let input = try await request.decodeJSON(as: NewUser.self, context: context)
        let email = EmailAddress.normalized(input.email)
        var errors = Self.problems(email: email, displayName: input.displayName, roles: Set(input.roles), organizationID: input.organizationId)
        if let problem = PasswordHasher.problem(with: input.password) { errors["password"] = problem }
        try await validateOrganization(input.organizationId, into: &errors)
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
        guard try await users.find(email: email) == nil else { throw ServiceError.emailTaken }
        guard try await !users.hasConfusable(of: email, other: nil) else { throw ServiceError.emailConfusable }
        let now = Date()
        let user = User(
            id: .v7(), email: email, displayName: input.displayName, passwordHash: try await hasher.hash(input.password),
            roles: Set(input.roles), organizationID: input.organizationId, isDisabled: false, version: 1, createdAt: now, updatedAt: now
        )
        do {
            try await users.database.transaction { [users, audit] session in
                try await users.insert(user, on: session)
                try await audit.record(.userCreated, by: actor.subject, targetType: "user", targetID: user.id.text,
                                       details: ["roles": user.roles.map(\.rawValue).sorted().joined(separator: ",")], on: session)
            }
        } catch {
            // A concurrent create of the same email wins the unique index: say so, not "internal error".
            if try await users.find(email: email) != nil { throw ServiceError.emailTaken }
            throw error
        }
        return try .json(user.representation, status: .created, eTag: user.eTag)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<User.Representation> {
        let actor = try context.requirePrincipal()
        guard !actor.isAPIKey else { throw ServiceError.forbidden }
        let query = request.uri.queryParameters
        var filter = UserRepository.Filter()
        if let raw = query["organizationId"] {
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
        let isVisible = actor.roles.contains(.admin) || actor.subject == user.id.text
            || (actor.organizationID != nil && actor.organizationID == user.organizationID)
        // Users of other organisations are indistinguishable from users that do not exist.
        guard isVisible, !actor.isAPIKey else { throw ServiceError.notFound("user") }
        return try .json(user.representation, eTag: user.eTag)
    }

    struct UserChanges: Decodable {
        let email: String?
        let displayName: String?
        let password: String?
        let roles: [Role]?
        let organizationId: UUID??

        enum CodingKeys: String, CodingKey { case email, displayName, password, roles, organizationId }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            email = try container.decodeIfPresent(String.self, forKey: .email)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            password = try container.decodeIfPresent(String.self, forKey: .password)
            roles = try container.decodeIfPresent([Role].self, forKey: .roles)
            // Absent leaves the organisation; an explicit null removes it.
            organizationId = container.contains(.organizationId) ? .some(try container.decodeIfPresent(UUID.self, forKey: .organizationId)) : nil
        }
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try Self.requireAdmin(context)
        var user = try await find(context)
        let changes = try await request.decodeJSON(as: UserChanges.self, context: context)
        let previous = user
        user.email = changes.email.map(EmailAddress.normalized) ?? user.email
        user.displayName = changes.displayName ?? user.displayName
        user.roles = changes.roles.map(Set.init) ?? user.roles
        if let organization = changes.organizationId { user.organizationID = organization }
        var errors = Self.problems(email: user.email, displayName: user.displayName, roles: user.roles, organizationID: user.organizationID)
        if let password = changes.password {
            if let problem = PasswordHasher.problem(with: password) { errors["password"] = problem } else { user.passwordHash = try await hasher.hash(password) }
        }
        if user.organizationID != previous.organizationID { try await validateOrganization(user.organizationID, into: &errors) }
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
        // After validation: a client with a stale ETag and a bad field hears about the field first.
        try request.checkIfMatch(currentETag: previous.eTag)
        if user.email != previous.email {
            guard try await users.find(email: user.email) == nil else { throw ServiceError.emailTaken }
            guard try await !users.hasConfusable(of: user.email, other: user.id) else { throw ServiceError.emailConfusable }
        }
        user.version += 1
        user.updatedAt = Date()
        let action: AuditEntry.Action = user.roles != previous.roles ? .rolesChanged : .userUpdated
        let details = user.roles != previous.roles
            ? ["from": UserRepository.text(previous.roles), "to": UserRepository.text(user.roles)]
            : ["fields": Self.changedFields(previous, user).joined(separator: ",")]
        try await save(user, previous: previous, action: action, actor: actor, details: details)
        return try .json(user.representation, eTag: user.eTag)
    }

    func setDisabled(_ isDisabled: Bool, request: Request, context: ServiceRequestContext) async throws -> Response {
        let actor = try Self.requireAdmin(context)
        var user = try await find(context)
        guard user.isDisabled != isDisabled else { return try .json(user.representation, eTag: user.eTag) }
        guard user.id.text != actor.subject else {
            throw ServiceError.cannotDisableSelf
        }
        let previous = user
        user.isDisabled = isDisabled
        user.version += 1
        user.updatedAt = Date()
        try await save(user, previous: previous, action: isDisabled ? .userDisabled : .userEnabled, actor: actor, details: nil)
        return try .json(user.representation, eTag: user.eTag)
    }

    /// Saves `user` over `previous`, ending the user's sessions when the change calls for it.
    private func save(_ user: User, previous: User, action: AuditEntry.Action, actor: Principal, details: [String: String]?) async throws {
        var user = user
        let endsSessions = user.endsSessions(from: previous)
        if endsSessions { user.sessionVersion += 1 }
        try await users.database.transaction { [users, refreshTokens, audit, user] session in
            guard try await users.update(user, expectedVersion: previous.version, on: session) else { throw ServiceError.staleVersion }
            if endsSessions { try await refreshTokens.revokeAll(for: user.id, on: session) }
            try await audit.record(action, by: actor.subject, targetType: "user", targetID: user.id.text, details: details, on: session)
        }
        if endsSessions { sessions.forget([user.id]) }
    }

    private func find(_ context: ServiceRequestContext) async throws -> User {
        guard let id = context.parameters.get("id", as: UUID.self), let user = try await users.find(id) else {
            throw ServiceError.notFound("user")
        }
        return user
    }

    private func validateOrganization(_ id: UUID?, into errors: inout [String: String]) async throws {
        guard let id else { return }
        guard let organization = try await organizations.find(id), !organization.isDisabled else {
            errors["organizationId"] = "must name an active organisation"
            return
        }
    }

    static func requireAdmin(_ context: ServiceRequestContext) throws -> Principal {
        let actor = try context.requireRole([.admin])
        guard !actor.isAPIKey else { throw ServiceError.forbidden }
        return actor
    }

    /// What is wrong with a user's fields; `email` must already be normalised.
    static func problems(email: String, displayName: String, roles: Set<Role>, organizationID: UUID?) -> [String: String] {
        var errors: [String: String] = [:]
        errors["email"] = EmailAddress.problem(with: email)
        if displayName.trimmingCharacters(in: .whitespaces).isEmpty || displayName.count > 200 {
            errors["displayName"] = "must be 1 to 200 characters"
        }
        if roles.isEmpty { errors["roles"] = "must name at least one role" }
        if !roles.isDisjoint(with: User.organizationScopedRoles), organizationID == nil {
            errors["organizationId"] = "is required for council members, journalists and CSO partners"
        }
        return errors
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
