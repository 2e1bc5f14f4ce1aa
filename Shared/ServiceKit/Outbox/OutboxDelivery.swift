import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Persistence
import Prometheus
import ServiceLifecycle

/// Sends outbox messages to their receivers' `POST /internal/events`, signed as this service, until each
/// is accepted (2xx), refused (4xx: kept as undeliverable) or out of attempts (kept as undeliverable).
///
/// Runs with the application (a lifecycle service); on shutdown it finishes the batch in hand. Any number
/// of replicas may run it: claims are leased (``OutboxStore/claim(limit:lease:now:)``), and a message sent
/// twice (a lease that lapsed) is applied once by the receiver's inbox.
public struct OutboxDelivery: Service {
    let store: OutboxStore
    let client: ServiceClient
    /// This service's name, which receivers check against the signed caller.
    let sender: String
    let signal: OutboxSignal
    let policy: OutboxPolicy
    let metrics: OutboxMetrics
    /// Delivery starts once the migrations have created the outbox.
    let readiness: Readiness
    let logger: Logger

    public func run() async throws {
        while !readiness.isMigrated {
            guard (try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(50)) }) != nil else { return }
        }
        var lastPurge = Date.distantPast
        var lastCount = Date.distantPast
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            var delivered = 0
            do {
                delivered = try await deliverDueMessages()
                // Counting scans the table (delivered messages stay a week): every 15 s is fresh enough for a gauge.
                if Date().timeIntervalSince(lastCount) > 15 {
                    try await metrics.refresh(from: store)
                    lastCount = Date()
                }
                if Date().timeIntervalSince(lastPurge) > 3600 {
                    try await store.purgeDelivered(olderThan: policy.deliveredRetention.timeInterval)
                    lastPurge = Date()
                }
            } catch {
                logger.warning("outbox delivery round failed", metadata: ["error.type": "\(type(of: error))"])
            }
            // A full batch suggests more is due: look again at once.
            if delivered < policy.batchSize {
                await cancelWhenGracefulShutdown { await signal.wait(upTo: policy.pollInterval) }
            }
        }
    }

    /// Claims one batch and delivers it; returns how many messages were claimed.
    func deliverDueMessages() async throws -> Int {
        let batch = try await store.claim(limit: policy.batchSize, lease: policy.lease)
        await withTaskGroup(of: Void.self) { group in
            for message in batch {
                group.addTask { await deliver(message) }
            }
        }
        return batch.count
    }

    private func deliver(_ message: OutboxStore.Claimed) async {
        let outcome: Outcome
        do {
            outcome = try await send(message)
        } catch {
            outcome = .retry("\(type(of: error))")
        }
        do {
            switch outcome {
            case .delivered:
                try await store.markDelivered(message.id)
                metrics.delivered.increment()
            case .refused(let failure):
                try await store.markUndeliverable(message.id, failure: failure)
                logger.error("outbox message refused by its receiver", metadata: metadata(message, failure))
            case .retry(let failure) where message.attempts >= policy.maximumAttempts:
                try await store.markUndeliverable(message.id, failure: "gave up after \(message.attempts) attempts: \(failure)")
                logger.error("outbox message undeliverable", metadata: metadata(message, failure))
            case .retry(let failure):
                let delay = policy.delay(afterAttempts: message.attempts)
                try await store.scheduleRetry(message.id, at: Date().addingTimeInterval(delay.timeInterval), failure: failure)
                logger.notice("outbox delivery will be retried", metadata: metadata(message, failure))
            }
        } catch {
            // The lease lapses and the message is claimed again: at worst it is sent twice, and the inbox
            // applies it once.
            logger.warning("recording an outbox delivery failed", metadata: ["error.type": "\(type(of: error))"])
        }
    }

    private enum Outcome {
        case delivered
        case refused(String)
        case retry(String)
    }

    private func send(_ message: OutboxStore.Claimed) async throws -> Outcome {
        let envelope = InboxMessage(
            id: message.id, type: message.type, aggregate: message.aggregate, sender: sender,
            occurredAt: message.occurredAt, payload: try JSONDecoder().decode(JSONValue.self, from: Data(message.payload.utf8))
        )
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Idempotency-Key", value: message.id.text)
        let response = try await client.send(
            .POST, to: message.receiver, path: InboxRoutes.path, headers: headers,
            body: ByteBuffer(bytes: try JSONEncoder.api.encode(envelope))
        )
        switch response.status.code {
        case 200..<300: return .delivered
        // Too early, too many, or a conflict of the moment: the receiver will take it later.
        case 408, 409, 425, 429: return .retry("HTTP \(response.status.code)")
        case 400..<500: return .refused("HTTP \(response.status.code)")
        default: return .retry("HTTP \(response.status.code)")
        }
    }

    private func metadata(_ message: OutboxStore.Claimed, _ failure: String) -> Logger.Metadata {
        [
            "outbox.message": .string(message.id.text), "outbox.type": .string(message.type),
            "outbox.receiver": .string(message.receiver), "outbox.attempts": "\(message.attempts)", "failure": .string(failure),
        ]
    }
}
