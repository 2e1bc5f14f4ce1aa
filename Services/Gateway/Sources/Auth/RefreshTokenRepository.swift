import Crypto
import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Rotating refresh tokens, stored only as SHA-256 hashes.
///
/// Each sign-in starts a family; every refresh retires the presented token and issues its successor in
/// the same family. Presenting a retired token means it was copied: the whole family is revoked, so
/// both the thief and the victim must sign in again.
struct RefreshTokenRepository: Sendable {
    let database: Database
    let lifetime: TimeInterval

    /// What presenting a refresh token led to.
    enum Outcome: Equatable {
        /// The token was valid: here is its successor, for this user.
        case rotated(token: String, userID: UUID)
        /// A retired token came back; its family is now revoked.
        case reused(userID: UUID)
        /// Unknown, expired or revoked.
        case invalid
    }

    /// Starts a new family for `userID` and returns its first token.
    func start(for userID: UUID, on session: any SQLDatabase, now: Date = Date()) async throws -> String {
        try await insert(userID: userID, family: UUID.v7(), on: session, now: now)
    }

    /// Retires `token` and returns its successor, or reports reuse.
    func rotate(_ token: String, now: Date = Date()) async throws -> Outcome {
        let hash = Self.hash(token)
        return try await database.transaction { session in
            guard let row = try await session.raw("SELECT * FROM refresh_tokens WHERE token_hash = \(bind: hash)").first() else {
                return .invalid
            }
            let userID = try row.uuid("user_id")
            let family = try row.uuid("family_id")
            if try row.optionalDate("revoked_at") != nil || (try row.date("expires_at")) <= now {
                return .invalid
            }
            let retired = try await session.raw(
                """
                UPDATE refresh_tokens SET rotated_at = \(bind: now.epochMilliseconds)
                WHERE token_hash = \(bind: hash) AND rotated_at IS NULL
                RETURNING token_hash
                """
            ).all()
            guard !retired.isEmpty else {
                try await Self.revokeFamily(family, on: session, now: now)
                return .reused(userID: userID)
            }
            return .rotated(token: try await insert(userID: userID, family: family, on: session, now: now), userID: userID)
        }
    }

    /// Revokes the family of `token` (sign-out); unknown tokens are ignored.
    func revokeFamily(of token: String, now: Date = Date()) async throws {
        try await database.sql.raw(
            """
            UPDATE refresh_tokens SET revoked_at = \(bind: now.epochMilliseconds)
            WHERE revoked_at IS NULL
              AND family_id IN (SELECT family_id FROM refresh_tokens WHERE token_hash = \(bind: Self.hash(token)))
            """
        ).run()
    }

    /// Revokes every token of `userID` (a disabled user).
    func revokeAll(for userID: UUID, on session: any SQLDatabase, now: Date = Date()) async throws {
        try await session.raw(
            """
            UPDATE refresh_tokens SET revoked_at = \(bind: now.epochMilliseconds)
            WHERE user_id = \(bind: userID.text) AND revoked_at IS NULL
            """
        ).run()
    }

    private static func revokeFamily(_ family: UUID, on session: any SQLDatabase, now: Date) async throws {
        try await session.raw(
            """
            UPDATE refresh_tokens SET revoked_at = \(bind: now.epochMilliseconds)
            WHERE family_id = \(bind: family.text) AND revoked_at IS NULL
            """
        ).run()
    }

    private func insert(userID: UUID, family: UUID, on session: any SQLDatabase, now: Date) async throws -> String {
        let token = "rt_" + SecureToken.random(bytes: 32)
        try await session.raw(
            """
            INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at, created_at)
            VALUES (\(bind: Self.hash(token)), \(bind: family.text), \(bind: userID.text),
                    \(bind: (now + lifetime).epochMilliseconds), \(bind: now.epochMilliseconds))
            """
        ).run()
        return token
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).lowercaseHex
    }
}
