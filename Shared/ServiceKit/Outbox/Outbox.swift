import Foundation
import Persistence
import SQLKit
import Synchronization

/// Where a service writes the facts it tells other services: `enqueue` inside the transaction that makes
/// the change, so the change and its messages commit or roll back together. ``OutboxDelivery`` sends them.
public struct Outbox: Sendable {
    /// The migration that creates the outbox; every service runs it with the kit's own.
    public static let migration = Migration(
        "0000_create_outbox_messages",
        statements: [
            """
            CREATE TABLE outbox_messages (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                receiver TEXT NOT NULL,
                message_type TEXT NOT NULL,
                aggregate TEXT NOT NULL,
                payload TEXT NOT NULL,
                occurred_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                leased_until BIGINT,
                delivered_at BIGINT,
                undeliverable_at BIGINT,
                last_failure TEXT
            )
            """,
            // What the delivery worker scans: messages still to send, by receiver and aggregate in order.
            """
            CREATE INDEX outbox_messages_pending ON outbox_messages (receiver, aggregate, position)
            WHERE delivered_at IS NULL AND undeliverable_at IS NULL
            """,
            "CREATE INDEX outbox_messages_delivered ON outbox_messages (delivered_at) WHERE delivered_at IS NOT NULL",
        ])

    let store: OutboxStore
    let signal = OutboxSignal()

    /// The outbox in `database`.
    public init(database: Database) {
        store = OutboxStore(database: database)
    }

    /// Writes `messages` on `session`, the transaction of the change they report.
    public func enqueue(_ messages: [OutboxMessage], on session: any SQLDatabase) async throws {
        for message in messages {
            try await session.raw(
                """
                INSERT INTO outbox_messages (id, position, receiver, message_type, aggregate, payload, occurred_at, next_attempt_at)
                VALUES (\(bind: message.id.text), \(bind: message.position), \(bind: message.receiver), \(bind: message.type),
                        \(bind: message.aggregate), \(bind: message.payload), \(bind: message.occurredAt.epochMilliseconds),
                        \(bind: message.occurredAt.epochMilliseconds))
                """
            ).run()
        }
    }

    /// Tells this process's delivery worker to look now rather than at its next poll; call after the
    /// transaction that enqueued has committed (before, the worker would find nothing yet).
    public func deliverSoon() {
        signal.wake()
    }
}

/// Wakes the delivery worker early. Other replicas find new messages at their next poll.
final class OutboxSignal: Sendable {
    private struct State {
        var isPending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    init() {}

    func wake() {
        let waiter = state.withLock { state in
            guard let waiter = state.waiter else {
                state.isPending = true
                return nil as CheckedContinuation<Void, Never>?
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Waits for a wake-up or `timeout`, whichever comes first (one waiter at a time).
    func wait(upTo timeout: Duration) async {
        let timer = Task { [self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            wake()
        }
        await withCheckedContinuation { continuation in
            let isPending = state.withLock { state in
                if state.isPending {
                    state.isPending = false
                    return true
                }
                state.waiter = continuation
                return false
            }
            if isPending { continuation.resume() }
        }
        timer.cancel()
    }
}
