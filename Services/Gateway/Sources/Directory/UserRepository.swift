import Foundation
import Models
import Persistence
import SQLKit

/// Stores users in the gateway's database. Emails are stored normalised (``EmailAddress``), so lookups
/// ignore case and compatibility forms; each row also keeps its email's confusable skeleton.
struct UserRepository: Sendable {
    let database: Database

    /// Filters for listing users.
    struct Filter: Sendable {
        var organizationID: UUID?
        var role: Role?
        var includeDisabled = false
    }

    func insert(_ user: User, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO users (id, email, email_skeleton, display_name, password_hash, roles, organization_id, is_disabled, version,
                               session_version, created_at, updated_at)
            VALUES (\(bind: user.id.text), \(bind: user.email), \(bind: EmailAddress.skeleton(of: user.email)), \(bind: user.displayName),
                    \(bind: user.passwordHash), \(bind: Self.text(user.roles)), \(bind: user.organizationID?.text), \(bind: user.isDisabled),
                    \(bind: user.version), \(bind: user.sessionVersion), \(bind: user.createdAt.epochMilliseconds),
                    \(bind: user.updatedAt.epochMilliseconds))
            """
        ).run()
    }

    func find(_ id: UUID, on session: (any SQLDatabase)? = nil) async throws -> User? {
        try await (session ?? database.sql).raw("SELECT * FROM users WHERE id = \(bind: id.text)").first().map(Self.user)
    }

    /// The display names of those of `ids` that are users.
    func displayNames(of ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.sql.raw("SELECT id, display_name FROM users WHERE id IN (\(binds: ids.map(\.text)))").all()
        return Dictionary(try rows.map { (try $0.uuid("id"), try $0.decode(column: "display_name", as: String.self)) }) { first, _ in first }
    }

    /// The active users holding any of `roles`, by display name; at most ``choiceLimit``.
    func active(withAnyOf roles: Set<Role>) async throws -> [User] {
        guard !roles.isEmpty else { return [] }
        var query = SQLQueryString("SELECT * FROM users WHERE is_disabled = \(bind: false) AND (")
        for (index, role) in roles.map(\.rawValue).sorted().enumerated() {
            // Roles are stored as ",a,b,": a role matches as a whole between commas.
            query += "\(unsafeRaw: index == 0 ? "" : " OR ")roles LIKE \(bind: "%,\(role),%")"
        }
        query += ") ORDER BY display_name, id LIMIT \(bind: Self.choiceLimit)"
        return try await database.sql.raw(query).all().map(Self.user)
    }

    /// The most people a form offers to choose from.
    static let choiceLimit = 500

    func find(email: String) async throws -> User? {
        try await database.sql.raw("SELECT * FROM users WHERE email = \(bind: EmailAddress.normalized(email))").first().map(Self.user)
    }

    /// Whether another user than `userID` has an email that looks like `email`.
    func hasConfusable(of email: String, other userID: UUID?) async throws -> Bool {
        let rows = try await database.sql.raw(
            """
            SELECT id FROM users WHERE email_skeleton = \(bind: EmailAddress.skeleton(of: email)) AND id <> \(bind: userID?.text ?? "")
            """
        ).all()
        return !rows.isEmpty
    }

    /// Ends the sessions of every member of an organisation (it was disabled) by raising their session
    /// versions; returns their IDs.
    func endSessions(ofMembersOf organizationID: UUID, on session: any SQLDatabase) async throws -> [UUID] {
        try await session.raw(
            """
            UPDATE users SET session_version = session_version + 1
            WHERE organization_id = \(bind: organizationID.text)
            RETURNING id
            """
        ).all().map { try $0.uuid("id") }
    }

    /// The session version of `userID` if they may hold a session now: not disabled, and not a member
    /// of a disabled organisation; `nil` otherwise.
    func activeSessionVersion(of userID: UUID) async throws -> Int? {
        try await database.sql.raw(
            """
            SELECT u.session_version AS v FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
            WHERE u.id = \(bind: userID.text) AND u.is_disabled = \(bind: false) AND (o.id IS NULL OR o.is_disabled = \(bind: false))
            """
        ).first(decodingColumn: "v", as: Int.self)
    }

    func count() async throws -> Int {
        try await database.sql.raw("SELECT COUNT(*) AS n FROM users").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    func list(_ filter: Filter, page: PageRequest) async throws -> Page<User> {
        var query = SQLQueryString("SELECT * FROM users WHERE 1 = 1")
        if let organization = filter.organizationID {
            query += " AND organization_id = \(bind: organization.text)"
        }
        if let role = filter.role {
            // Roles are stored as ",a,b,": a match on ",role," cannot hit a role that merely contains it.
            query += " AND roles LIKE \(bind: "%,\(role.rawValue),%")"
        }
        if !filter.includeDisabled { query += " AND is_disabled = \(bind: false)" }
        if let cursor = page.cursor { query += " AND id > \(bind: cursor.id.text)" }
        query += " ORDER BY id LIMIT \(literal: page.limit + 1)"
        let users = try await database.sql.raw(query).all().map(Self.user)
        return Page(fetched: users, limit: page.limit) { Cursor(key: "", id: $0.id) }
    }

    /// Saves `user` if it is still at `expectedVersion`; returns `false` when another edit came first.
    func update(_ user: User, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let updated = try await session.raw(
            """
            UPDATE users
            SET email = \(bind: user.email), email_skeleton = \(bind: EmailAddress.skeleton(of: user.email)), display_name = \(bind: user.displayName), password_hash = \(bind: user.passwordHash),
                roles = \(bind: Self.text(user.roles)), organization_id = \(bind: user.organizationID?.text),
                is_disabled = \(bind: user.isDisabled), version = \(bind: user.version), session_version = \(bind: user.sessionVersion),
                updated_at = \(bind: user.updatedAt.epochMilliseconds)
            WHERE id = \(bind: user.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    static func text(_ roles: Set<Role>) -> String {
        "," + roles.map(\.rawValue).sorted().joined(separator: ",") + ","
    }

    static func user(_ row: any SQLRow) throws -> User {
        User(
            id: try row.uuid("id"),
            email: try row.decode(column: "email", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            roles: Set(try row.decode(column: "roles", as: String.self).split(separator: ",").compactMap { Role(rawValue: String($0)) }),
            organizationID: try row.optionalUUID("organization_id"),
            isDisabled: try row.decode(column: "is_disabled", as: Bool.self),
            version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            sessionVersion: try row.decode(column: "session_version", as: Int.self)
        )
    }
}
