import Crypto
import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit
import Synchronization

/// Stores API keys as SHA-256 hashes and recognises presented keys.
///
/// A key reads `omk_<prefix>_<secret>`: the prefix finds the row, the hash of the whole key proves it.
/// Recognised keys are cached briefly so partner traffic does not hit the database per request;
/// revocation in this replica clears the cache at once, other replicas within ``cacheLifetime``. An
/// expired key is refused from its expiry on, cached or not.
final class APIKeyRepository: Sendable {
    static let cacheLifetime: TimeInterval = 30
    /// `last_used_at` is written at most this often per key, not on every request.
    static let lastUseResolution: TimeInterval = 60

    let database: Database
    private let cache = Mutex([String: (key: APIKey, cachedAt: Date)]())

    init(database: Database) {
        self.database = database
    }

    /// Creates a key and returns it with the only copy of its secret.
    func create(
        organizationID: UUID, name: String, scopes: [APIKey.Scope], expiresAt: Date?, createdBy: String,
        on session: any SQLDatabase
    ) async throws -> (APIKey, secret: String) {
        let prefix = SecureToken.random(bytes: 6).replacingOccurrences(of: "_", with: "x").replacingOccurrences(of: "-", with: "y")
        let secret = "omk_\(prefix)_\(SecureToken.random(bytes: 32))"
        let key = APIKey(
            id: .v7(), organizationId: organizationID, name: name, prefix: prefix, scopes: scopes,
            createdBy: createdBy, createdAt: Date(), lastUsedAt: nil, revokedAt: nil, expiresAt: expiresAt)
        try await session.raw(
            """
            INSERT INTO api_keys (id, organization_id, name, prefix, key_hash, scopes, created_by, created_at, expires_at)
            VALUES (\(bind: key.id.text), \(bind: organizationID.text), \(bind: name), \(bind: prefix), \(bind: Self.hash(secret)),
                    \(bind: scopes.map(\.rawValue).joined(separator: ",")), \(bind: createdBy), \(bind: key.createdAt.epochMilliseconds),
                    \(bind: expiresAt?.epochMilliseconds))
            """
        ).run()
        return (key, secret)
    }

    /// The live key `secret` names, or `nil`; records its use.
    func authenticate(_ secret: String, now: Date = Date()) async throws -> APIKey? {
        let hash = Self.hash(secret)
        if let cached = cache.withLock({ $0[hash] }), now.timeIntervalSince(cached.cachedAt) < Self.cacheLifetime {
            return cached.key.isLive(at: now) ? cached.key : nil
        }
        let parts = secret.split(separator: "_", maxSplits: 2) // the secret itself may contain "_"
        guard secret.utf8.count <= 128, parts.count == 3, parts[0] == "omk" else { return nil }
        guard let row = try await database.sql.raw("SELECT * FROM api_keys WHERE prefix = \(bind: String(parts[1]))").first() else {
            return nil
        }
        let storedHash = try row.decode(column: "key_hash", as: String.self)
        guard Self.constantTimeEquals(storedHash, hash) else { return nil }
        let key = try Self.key(row)
        guard key.isLive(at: now) else { return nil }
        if key.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUseResolution }) ?? true {
            try await database.sql.raw("UPDATE api_keys SET last_used_at = \(bind: now.epochMilliseconds) WHERE id = \(bind: key.id.text)").run()
        }
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll(keepingCapacity: true) }
            cache[hash] = (key, now)
        }
        return key
    }

    func find(_ id: UUID) async throws -> APIKey? {
        try await database.sql.raw("SELECT * FROM api_keys WHERE id = \(bind: id.text)").first().map(Self.key)
    }

    /// Keys of one organisation, or of all when `organizationID` is `nil`, oldest first.
    func list(organizationID: UUID?, includeRevoked: Bool, page: PageRequest) async throws -> Page<APIKey> {
        var query = SQLQueryString("SELECT * FROM api_keys WHERE 1 = 1")
        if let organizationID { query += " AND organization_id = \(bind: organizationID.text)" }
        if !includeRevoked { query += " AND revoked_at IS NULL" }
        if let cursor = page.cursor { query += " AND id > \(bind: cursor.id.text)" }
        query += " ORDER BY id LIMIT \(literal: page.limit + 1)"
        let keys = try await database.sql.raw(query).all().map(Self.key)
        return Page(fetched: keys, limit: page.limit) { Cursor(key: "", id: $0.id) }
    }

    /// Revokes a key; returns `false` when it was already revoked.
    func revoke(_ id: UUID, on session: any SQLDatabase, now: Date = Date()) async throws -> Bool {
        let revoked = try await session.raw(
            """
            UPDATE api_keys SET revoked_at = \(bind: now.epochMilliseconds)
            WHERE id = \(bind: id.text) AND revoked_at IS NULL
            RETURNING id
            """
        ).all()
        cache.withLock { cache in cache = cache.filter { $0.value.key.id != id } }
        return !revoked.isEmpty
    }

    /// Revokes every live key of an organisation (it was disabled); call ``forgetKeys(of:)`` after the
    /// transaction commits.
    func revokeAll(of organizationID: UUID, on session: any SQLDatabase, now: Date = Date()) async throws -> [UUID] {
        try await session.raw(
            """
            UPDATE api_keys SET revoked_at = \(bind: now.epochMilliseconds)
            WHERE organization_id = \(bind: organizationID.text) AND revoked_at IS NULL
            RETURNING id
            """
        ).all().map { try $0.uuid("id") }
    }

    /// Drops this replica's cached keys of an organisation, so its revoked keys are refused here at once.
    func forgetKeys(of organizationID: UUID) {
        cache.withLock { cache in cache = cache.filter { $0.value.key.organizationId != organizationID } }
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).lowercaseHex
    }

    private static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func key(_ row: any SQLRow) throws -> APIKey {
        APIKey(
            id: try row.uuid("id"),
            organizationId: try row.uuid("organization_id"),
            name: try row.decode(column: "name", as: String.self),
            prefix: try row.decode(column: "prefix", as: String.self),
            scopes: try row.decode(column: "scopes", as: String.self).split(separator: ",").compactMap { APIKey.Scope(rawValue: String($0)) },
            createdBy: try row.decode(column: "created_by", as: String.self),
            createdAt: try row.date("created_at"),
            lastUsedAt: try row.optionalDate("last_used_at"),
            revokedAt: try row.optionalDate("revoked_at"),
            expiresAt: try row.optionalDate("expires_at")
        )
    }
}
