import Foundation
import Persistence
import SQLKit

/// Remembers the outcome of creating requests by `Idempotency-Key`, in the service's own database.
///
/// A key is reserved before the handler runs (an atomic insert), so two concurrent requests with the same
/// key can never both execute. Keys live an hour (``retention``): long enough for a client's retries, short
/// enough that responses do not pile up; a reservation whose request died with its process is given up
/// after ``abandonedAfter``.
public struct IdempotencyStore: Sendable {
    /// How long a completed key is remembered.
    static let retention: TimeInterval = 60 * 60
    /// How often expired keys are purged.
    static let purgeInterval: Duration = .seconds(5 * 60)
    /// How long an unfinished reservation blocks its key.
    static let abandonedAfter: TimeInterval = 60

    /// The migration that creates the table; every service runs it first.
    public static let migration = Migration("0000_create_idempotency_keys") { database, kind in
        try await database.raw(
            SQLQueryString(
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    response_status INTEGER,
                    response_content_type TEXT,
                    response_body \(unsafeRaw: kind.bytesType),
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (scope, idempotency_key)
                )
                """)
        ).run()
        try await database.raw("CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)").run()
    }

    /// What a reservation attempt found.
    enum Reservation: Equatable {
        /// The key is ours: run the request.
        case reserved
        /// The key completed before with the same request: answer with its response.
        case replay(StoredResponse)
        /// The same key is being processed right now.
        case inFlight
        /// The key was used with a different request.
        case conflict
    }

    /// A response kept for replay.
    struct StoredResponse: Equatable {
        let status: Int
        let contentType: String?
        let body: Data
    }

    let database: Database

    /// Creates a store over `database`, which must have run ``migration``.
    public init(database: Database) {
        self.database = database
    }

    func reserve(scope: String, key: String, requestHash: String, now: Date = Date()) async throws -> Reservation {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let expiredBefore = nowSeconds - Int64(Self.retention)
        let abandonedBefore = nowSeconds - Int64(Self.abandonedAfter)
        try await database.sql.raw(
            """
            DELETE FROM idempotency_keys
            WHERE scope = \(bind: scope) AND idempotency_key = \(bind: key)
              AND (created_at < \(bind: expiredBefore) OR (response_status IS NULL AND created_at < \(bind: abandonedBefore)))
            """
        ).run()
        let inserted = try await database.sql.raw(
            """
            INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, created_at)
            VALUES (\(bind: scope), \(bind: key), \(bind: requestHash), \(bind: nowSeconds))
            ON CONFLICT DO NOTHING
            RETURNING idempotency_key
            """
        ).all()
        if !inserted.isEmpty {
            return .reserved
        }
        guard
            let row = try await database.sql.raw(
                """
                SELECT request_hash, response_status, response_content_type, response_body FROM idempotency_keys
                WHERE scope = \(bind: scope) AND idempotency_key = \(bind: key)
                """
            ).first()
        else {
            // Deleted between our insert and select (expired by another replica): treat as busy, the
            // client's retry will reserve it.
            return .inFlight
        }
        guard try row.decode(column: "request_hash", as: String.self) == requestHash else { return .conflict }
        guard let status = try row.decode(column: "response_status", as: Int?.self) else { return .inFlight }
        return .replay(
            StoredResponse(
                status: status,
                contentType: try row.decode(column: "response_content_type", as: String?.self),
                body: try row.decode(column: "response_body", as: Data?.self) ?? Data()
            ))
    }

    func complete(scope: String, key: String, response: StoredResponse) async throws {
        try await database.sql.raw(
            """
            UPDATE idempotency_keys
            SET response_status = \(bind: response.status), response_content_type = \(bind: response.contentType),
                response_body = \(bind: response.body)
            WHERE scope = \(bind: scope) AND idempotency_key = \(bind: key)
            """
        ).run()
    }

    func release(scope: String, key: String) async throws {
        try await database.sql.raw(
            """
            DELETE FROM idempotency_keys
            WHERE scope = \(bind: scope) AND idempotency_key = \(bind: key) AND response_status IS NULL
            """
        ).run()
    }

    /// Forgets keys past their retention; run periodically.
    public func purgeExpired(now: Date = Date()) async throws {
        let expiredBefore = Int64(now.timeIntervalSince1970) - Int64(Self.retention)
        try await database.sql.raw("DELETE FROM idempotency_keys WHERE created_at < \(bind: expiredBefore)").run()
    }
}
