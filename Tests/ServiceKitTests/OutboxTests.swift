import Foundation
import Persistence
import Synchronization
import TestSupport
import Testing

@testable import ServiceKit

/// The outbox delivers every message exactly once, in order per aggregate, through the failures DESIGN.md
/// §8 names: a receiver that is down, a sender killed between commit and delivery, a poison message, and
/// several sender replicas.
@Suite struct OutboxTests {
    typealias Fact = OutboxHarness.Fact

    @Test(arguments: TestDatabases.kinds)
    func aReceiverThatWasDownGetsEveryMessageOnceAndInOrder(kind: DatabaseKind) async throws {
        try await OutboxHarness.with(kind) { harness in
            try await harness.enqueue(
                (1...4).flatMap { sequence in
                    ["appeal:a", "appeal:b", "appeal:c"].map { ($0, Fact(sequence: sequence)) }
                })
            let (delivery, client) = await harness.delivery()
            let receiverDatabase = try await TemporaryDatabase.create(.sqlite)
            try await ServiceHarness.running([delivery]) {
                // The receiver is down: deliveries fail and are retried with backoff.
                let reached = try await harness.eventually { try await harness.states().pending == 12 && harness.receiver.posts.withLock { $0.isEmpty } }
                #expect(reached)
                try await Task.sleep(for: .milliseconds(200))
                #expect(try await harness.states().delivered == 0)
                let receiver = try await harness.makeReceiver(database: receiverDatabase)
                try await ServiceHarness.running([receiver]) {
                    let reached = try await harness.eventually { try await harness.states().delivered == 12 }
                    #expect(reached)
                }
            }
            try await client.shutdown()
            try await receiverDatabase.drop()

            let applied = harness.receiver.applied.withLock { $0 }
            #expect(applied.count == 12)
            for aggregate in ["appeal:a", "appeal:b", "appeal:c"] {
                #expect(applied.filter { $0.aggregate == aggregate }.map(\.sequence) == [1, 2, 3, 4], "\(aggregate)")
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aSenderKilledAfterCommitOrMidDeliveryDeliversAfterRestart(kind: DatabaseKind) async throws {
        try await OutboxHarness.with(kind) { harness in
            let receiverDatabase = try await TemporaryDatabase.create(.sqlite)
            let receiver = try await harness.makeReceiver(database: receiverDatabase)
            try await ServiceHarness.running([receiver]) {
                // Committed, then the process died before any delivery: the rows are all that is left.
                try await harness.enqueue([("appeal:a", Fact(sequence: 1)), ("appeal:b", Fact(sequence: 1))])
                // Another died holding a claim on its message: the claim lapses.
                try await harness.enqueue([("appeal:c", Fact(sequence: 1))])
                let store = OutboxStore(database: harness.database)
                let claimed = try await store.claim(limit: 10, lease: .seconds(2))
                #expect(claimed.count == 3)
                // While the claim holds, nobody else takes the messages (the next statement runs well within 2 s).
                #expect(try await store.claim(limit: 10, lease: .seconds(1)).isEmpty)

                let (restarted, client) = await harness.delivery()
                try await ServiceHarness.running([restarted]) {
                    let reached = try await harness.eventually { try await harness.states().delivered == 3 }
                    #expect(reached)
                }
                try await client.shutdown()
            }
            try await receiverDatabase.drop()
            #expect(harness.receiver.appliedCount == 3)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aRefusedMessageIsKeptAndBlocksNoOtherAggregate(kind: DatabaseKind) async throws {
        try await OutboxHarness.with(kind) { harness in
            try await harness.enqueue([
                ("appeal:a", Fact(sequence: 1, isPoison: true)), ("appeal:a", Fact(sequence: 2)),
                ("appeal:b", Fact(sequence: 1)), ("appeal:b", Fact(sequence: 2)),
            ])
            let receiverDatabase = try await TemporaryDatabase.create(.sqlite)
            let receiver = try await harness.makeReceiver(database: receiverDatabase)
            let (delivery, client) = await harness.delivery()
            try await ServiceHarness.running([receiver, delivery]) {
                let reached = try await harness.eventually {
                    let states = try await harness.states()
                    return states.delivered == 3 && states.undeliverable == 1
                }
                #expect(reached)
            }
            try await client.shutdown()
            try await receiverDatabase.drop()

            let kept = try await OutboxStore(database: harness.database).undeliverable(limit: 10, after: nil)
            #expect(kept.map(\.aggregate) == ["appeal:a"])
            #expect(kept.first?.lastFailure == "HTTP 422")
            // Refused once, never offered again (earlier attempts may have found the receiver still starting).
            #expect(harness.receiver.posts.withLock { $0[kept[0].id] } == 1)
            let applied = harness.receiver.applied.withLock { $0 }
            #expect(applied.filter { $0.aggregate == "appeal:b" }.map(\.sequence) == [1, 2])
            #expect(applied.filter { $0.aggregate == "appeal:a" }.map(\.sequence) == [2])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func twoSenderReplicasNeverSendAMessageTwice(kind: DatabaseKind) async throws {
        try await OutboxHarness.with(kind) { harness in
            try await harness.enqueue((1...5).flatMap { sequence in (1...20).map { ("appeal:\($0)", Fact(sequence: sequence)) } })
            let secondPool = try harness.temporary.open()
            let receiverDatabase = try await TemporaryDatabase.create(.sqlite)
            let receiver = try await harness.makeReceiver(database: receiverDatabase)
            let (first, firstClient) = await harness.delivery()
            let (second, secondClient) = await harness.delivery(on: secondPool)
            try await ServiceHarness.running([receiver, first, second]) {
                let reached = try await harness.eventually { try await harness.states().delivered == 100 }
                #expect(reached)
            }
            try await firstClient.shutdown()
            try await secondClient.shutdown()
            try await secondPool.close()
            try await receiverDatabase.drop()

            // Never two deliveries of one message at once. (A delivery that times out on a loaded machine is
            // sent again later, by design; the inbox applies it once.)
            let inFlight = harness.receiver.inFlight.withLock { $0 }
            #expect(inFlight.count == 100)
            #expect(inFlight.values.allSatisfy { $0.most == 1 })
            let applied = harness.receiver.applied.withLock { $0 }
            #expect(applied.count == 100)
            for aggregate in Set(applied.map(\.aggregate)) {
                #expect(applied.filter { $0.aggregate == aggregate }.map(\.sequence) == [1, 2, 3, 4, 5])
            }
        }
    }

    @Test func theRetryDelayGrowsAndIsCapped() {
        var policy = OutboxPolicy()
        policy.baseDelay = .seconds(1)
        policy.maximumDelay = .seconds(60)
        for attempts in 1...40 {
            let ceiling = min(60, pow(2, Double(attempts - 1)))
            let delay = policy.delay(afterAttempts: attempts).timeInterval
            #expect(delay >= 0 && delay <= ceiling, "attempt \(attempts)")
        }
    }
}
