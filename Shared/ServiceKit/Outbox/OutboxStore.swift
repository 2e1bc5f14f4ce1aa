import Foundation
import Models
import Persistence
import SQLKit

/// The only code that knows the outbox table's state changes: claiming due messages under a lease, and
/// recording each delivery's outcome.
struct OutboxStore: Sendable {
    /// A claimed message, ready to send.
    struct Claimed: Sendable {
        let id: UUID
        let receiver: String
        let type: String
        let aggregate: String
        let payload: String
        let occurredAt: Date
        /// Attempts so far, this one included.
        let attempts: Int
    }

    /// An undeliverable message, as admins see it.
    struct Undeliverable: Codable, Sendable {
        let id: UUID
        let receiver: String
        let type: String
        let aggregate: String
        let occurredAt: Date
        let attempts: Int
        let undeliverableAt: Date
        let lastFailure: String?
    }

    let database: Database

    /// Claims up to `limit` due messages for `lease`: the oldest pending message of each (receiver,
    /// aggregate) whose predecessors are all delivered or given up, so one aggregate's messages go out in
    /// order, one at a time.
    ///
    /// Several replicas may claim at once: the lease is re-checked on the row being updated (on PostgreSQL
    /// after waiting for a concurrent claimer's row lock; SQLite has one writer), so a message is never
    /// claimed twice while its lease holds. A claimer that dies leaves the lease to expire.
    func claim(limit: Int, lease: Duration, now: Date = Date()) async throws -> [Claimed] {
        let nowMilliseconds = now.epochMilliseconds
        let leasedUntil = now.addingTimeInterval(lease.timeInterval).epochMilliseconds
        let rows = try await database.sql.raw(
            """
            UPDATE outbox_messages SET leased_until = \(bind: leasedUntil), attempts = attempts + 1
            WHERE id IN (
                SELECT candidate.id FROM outbox_messages candidate
                WHERE candidate.delivered_at IS NULL AND candidate.undeliverable_at IS NULL
                  AND candidate.next_attempt_at <= \(bind: nowMilliseconds)
                  AND (candidate.leased_until IS NULL OR candidate.leased_until < \(bind: nowMilliseconds))
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox_messages earlier
                      WHERE earlier.receiver = candidate.receiver AND earlier.aggregate = candidate.aggregate
                        AND earlier.delivered_at IS NULL AND earlier.undeliverable_at IS NULL
                        AND earlier.position < candidate.position)
                ORDER BY candidate.position
                LIMIT \(bind: limit))
            AND delivered_at IS NULL AND undeliverable_at IS NULL
            AND (leased_until IS NULL OR leased_until < \(bind: nowMilliseconds))
            RETURNING id, receiver, message_type, aggregate, payload, occurred_at, attempts
            """
        ).all()
        return try rows.map { row in
            Claimed(
                id: try row.uuid("id"), receiver: try row.decode(column: "receiver", as: String.self),
                type: try row.decode(column: "message_type", as: String.self),
                aggregate: try row.decode(column: "aggregate", as: String.self),
                payload: try row.decode(column: "payload", as: String.self), occurredAt: try row.date("occurred_at"),
                attempts: try row.decode(column: "attempts", as: Int.self)
            )
        }
    }

    /// The receiver accepted the message.
    func markDelivered(_ id: UUID, now: Date = Date()) async throws {
        try await database.sql.raw(
            """
            UPDATE outbox_messages SET delivered_at = \(bind: now.epochMilliseconds), leased_until = NULL, last_failure = NULL
            WHERE id = \(bind: id.text)
            """
        ).run()
    }

    /// The attempt failed in a way that may pass: try again at `nextAttempt`.
    func scheduleRetry(_ id: UUID, at nextAttempt: Date, failure: String) async throws {
        try await database.sql.raw(
            """
            UPDATE outbox_messages SET next_attempt_at = \(bind: nextAttempt.epochMilliseconds), leased_until = NULL,
                last_failure = \(bind: failure)
            WHERE id = \(bind: id.text)
            """
        ).run()
    }

    /// The receiver refused the message, or the retry budget is spent: keep it, for admins, and send no more.
    func markUndeliverable(_ id: UUID, failure: String, now: Date = Date()) async throws {
        try await database.sql.raw(
            """
            UPDATE outbox_messages SET undeliverable_at = \(bind: now.epochMilliseconds), leased_until = NULL,
                last_failure = \(bind: failure)
            WHERE id = \(bind: id.text)
            """
        ).run()
    }

    /// Messages not yet delivered, and those given up on.
    func counts() async throws -> (pending: Int, undeliverable: Int) {
        let row = try await database.sql.raw(
            """
            SELECT
                COUNT(CASE WHEN delivered_at IS NULL AND undeliverable_at IS NULL THEN 1 END) AS pending,
                COUNT(undeliverable_at) AS undeliverable
            FROM outbox_messages
            """
        ).first()
        return (try row?.decode(column: "pending", as: Int.self) ?? 0, try row?.decode(column: "undeliverable", as: Int.self) ?? 0)
    }

    /// Undeliverable messages, newest first, after `cursor` (the last ID of the previous page).
    func undeliverable(limit: Int, after cursor: UUID?) async throws -> [Undeliverable] {
        var query: SQLQueryString = """
            SELECT id, receiver, message_type, aggregate, occurred_at, attempts, undeliverable_at, last_failure
            FROM outbox_messages WHERE undeliverable_at IS NOT NULL
            """
        if let cursor { query += " AND id < \(bind: cursor.text)" }
        query += " ORDER BY id DESC LIMIT \(bind: limit)"
        return try await database.sql.raw(query).all().map { row in
            Undeliverable(
                id: try row.uuid("id"), receiver: try row.decode(column: "receiver", as: String.self),
                type: try row.decode(column: "message_type", as: String.self),
                aggregate: try row.decode(column: "aggregate", as: String.self), occurredAt: try row.date("occurred_at"),
                attempts: try row.decode(column: "attempts", as: Int.self), undeliverableAt: try row.date("undeliverable_at"),
                lastFailure: try row.decode(column: "last_failure", as: String?.self)
            )
        }
    }

    /// Forgets delivered messages older than `age`: the receivers' inboxes remember what they applied.
    func purgeDelivered(olderThan age: TimeInterval, now: Date = Date()) async throws {
        try await database.sql.raw(
            """
            DELETE FROM outbox_messages WHERE delivered_at IS NOT NULL AND delivered_at < \(bind: now.addingTimeInterval(-age).epochMilliseconds)
            """
        ).run()
    }
}

extension Duration {
    /// The duration in seconds, as Foundation counts time.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
