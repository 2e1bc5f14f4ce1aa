import Crypto
import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The site's sign-in sessions, kept server-side in the gateway's database; the browser holds only a random
/// token in a cookie, stored here as its SHA-256 hash.
///
/// A session carries the principal as it was at sign-in together with the user's session version: any
/// change that ends a user's sessions (roles, organisation, password, disabling) raises that version and so
/// ends the site session too, as it ends access tokens. A session ends after ``lifetime`` however busy, after
/// ``idleTimeout`` without a request, and at sign-out.
struct SiteSessionRepository: Sendable {
    let database: Database
    /// How long a session lasts at most.
    let lifetime: TimeInterval
    /// How long a session lasts without a request.
    let idleTimeout: TimeInterval

    /// How stale a session's last-seen time may get before a request writes it again: a busy person's pages
    /// do not each cost a write, and the idle timeout is off by at most this much.
    static let lastSeenResolution: TimeInterval = 60

    /// A live session.
    struct Found: Equatable {
        var principal: Principal
        var userID: UUID
        var sessionVersion: Int
    }

    /// Starts a session for `user` of `organization` and returns the token for the browser's cookie. Expired
    /// sessions are cleared on the way, so the table holds only live ones and recently ended ones.
    func start(for user: User, organization: Organization?, on session: any SQLDatabase, now: Date = Date()) async throws -> String {
        try await session.raw(
            """
            DELETE FROM site_sessions
            WHERE expires_at <= \(bind: now.epochMilliseconds) OR last_seen_at <= \(bind: (now - idleTimeout).epochMilliseconds)
            """
        ).run()
        let token = SecureToken.random(bytes: 32)
        try await session.raw(
            """
            INSERT INTO site_sessions (token_hash, user_id, session_version, roles, organization_id, organization_region,
                                       created_at, last_seen_at, expires_at)
            VALUES (\(bind: Self.hash(token)), \(bind: user.id.text), \(bind: user.sessionVersion), \(bind: UserRepository.text(user.roles)),
                    \(bind: user.organizationID?.text), \(bind: organization?.regionCode?.rawValue), \(bind: now.epochMilliseconds),
                    \(bind: now.epochMilliseconds), \(bind: (now + lifetime).epochMilliseconds))
            """
        ).run()
        return token
    }

    /// The live session of `token`, or `nil` when it is unknown, ended or expired.
    func find(_ token: String, now: Date = Date()) async throws -> Found? {
        let hash = Self.hash(token)
        guard let row = try await database.sql.raw("SELECT * FROM site_sessions WHERE token_hash = \(bind: hash)").first() else {
            return nil
        }
        let lastSeen = try row.date("last_seen_at")
        guard try row.date("expires_at") > now, lastSeen + idleTimeout > now else { return nil }
        if now.timeIntervalSince(lastSeen) >= Self.lastSeenResolution {
            try await database.sql.raw(
                "UPDATE site_sessions SET last_seen_at = \(bind: now.epochMilliseconds) WHERE token_hash = \(bind: hash)"
            ).run()
        }
        let userID = try row.uuid("user_id")
        let roles = try row.decode(column: "roles", as: String.self).split(separator: ",").compactMap { Role(rawValue: String($0)) }
        let principal = Principal(
            subject: userID.text, roles: Set(roles), organizationID: try row.optionalUUID("organization_id"),
            organizationRegion: try row.decode(column: "organization_region", as: String?.self).flatMap(Region.init(rawValue:)))
        return Found(principal: principal, userID: userID, sessionVersion: try row.decode(column: "session_version", as: Int.self))
    }

    /// Ends the session of `token` (sign-out); an unknown token is ignored.
    func end(_ token: String) async throws {
        try await database.sql.raw("DELETE FROM site_sessions WHERE token_hash = \(bind: Self.hash(token))").run()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).lowercaseHex
    }
}
