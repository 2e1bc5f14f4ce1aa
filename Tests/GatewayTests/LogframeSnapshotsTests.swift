import Foundation
import Models
import Synchronization
import Testing

@testable import Gateway

/// The logframe kept in memory for dashboards: read once per lifetime, read again at once after a change made
/// here, the last one shown while the next is read, and never two reads at once.
@Suite struct LogframeSnapshotsTests {
    /// A logframe in the database that tests change, counting the reads and holding them while asked to.
    final class StoredLogframe: Sendable {
        let indicators = Mutex<[LogframeIndicator]>([DashboardCompositionTests.indicator()])
        let reads = Atomic(0)
        let failing = Atomic(false)
        /// While set, a read waits until the stream ends.
        let gate = Mutex<AsyncStream<Void>?>(nil)

        func read() async throws -> [LogframeIndicator] {
            // What the database holds when the read begins, however long it then takes.
            let read = indicators.withLock { $0 }
            reads.add(1, ordering: .sequentiallyConsistent)
            if let gate = gate.withLock({ $0 }) { for await _ in gate {} }
            if failing.load(ordering: .sequentiallyConsistent) { throw CancellationError() }
            return read
        }

        func add(visibility: LogframeIndicator.Visibility) {
            var indicator = DashboardCompositionTests.indicator()
            indicator.visibility = visibility
            indicators.withLock { $0.append(indicator) }
        }

        /// Holds reads until the returned continuation finishes.
        func hold() -> AsyncStream<Void>.Continuation {
            let (stream, continuation) = AsyncStream<Void>.makeStream()
            gate.withLock { $0 = stream }
            return continuation
        }

        func release(_ held: AsyncStream<Void>.Continuation) {
            gate.withLock { $0 = nil }
            held.finish()
        }
    }

    @Test func aFreshLogframeIsReadOnceAndAChangeMadeHereIsSeenAtOnce() async throws {
        let stored = StoredLogframe()
        let snapshots = LogframeSnapshots(lifetime: .seconds(3600))
        for _ in 0..<5 { #expect(try await snapshots.indicators(publicOnly: false, read: stored.read).count == 1) }
        #expect(stored.reads.load(ordering: .sequentiallyConsistent) == 1)

        stored.add(visibility: .stakeholders)
        snapshots.changed()
        #expect(try await snapshots.indicators(publicOnly: false, read: stored.read).count == 2)
        #expect(try await snapshots.indicators(publicOnly: true, read: stored.read).count == 1)
        #expect(stored.reads.load(ordering: .sequentiallyConsistent) == 2)
    }

    @Test func anOldLogframeIsShownWhileOneReadOfTheNextRuns() async throws {
        let stored = StoredLogframe()
        let snapshots = LogframeSnapshots(lifetime: .zero)
        #expect(try await snapshots.indicators(publicOnly: false, read: stored.read).count == 1)

        // Another replica adds an indicator; reads are slow meanwhile.
        stored.add(visibility: .public)
        let held = stored.hold()
        for _ in 0..<10 { #expect(try await snapshots.indicators(publicOnly: false, read: stored.read).count == 1) }
        for _ in 0..<1000 where stored.reads.load(ordering: .sequentiallyConsistent) < 2 { try await Task.sleep(for: .milliseconds(5)) }
        for _ in 0..<10 { #expect(try await snapshots.indicators(publicOnly: false, read: stored.read).count == 1) }
        #expect(stored.reads.load(ordering: .sequentiallyConsistent) == 2)

        stored.release(held)
        var seen = 1
        for _ in 0..<1000 where seen == 1 {
            seen = try await snapshots.indicators(publicOnly: false, read: stored.read).count
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(seen == 2)
    }

    @Test func aReadBegunBeforeAChangeHereIsNotShownAfterIt() async throws {
        let stored = StoredLogframe()
        let snapshots = LogframeSnapshots(lifetime: .seconds(3600))
        let held = stored.hold()
        let early = Task { try await snapshots.indicators(publicOnly: false, read: stored.read) }
        while stored.reads.load(ordering: .sequentiallyConsistent) == 0 { await Task.yield() }

        stored.add(visibility: .public)
        snapshots.changed()
        stored.release(held)
        _ = try await early.value
        #expect(try await snapshots.indicators(publicOnly: false, read: stored.read).count == 2)
    }

    @Test func aFailedReadIsTriedAgainByTheNextCaller() async throws {
        let stored = StoredLogframe()
        let snapshots = LogframeSnapshots(lifetime: .seconds(3600))
        stored.failing.store(true, ordering: .sequentiallyConsistent)
        await #expect(throws: CancellationError.self) { try await snapshots.indicators(publicOnly: false, read: stored.read) }
        stored.failing.store(false, ordering: .sequentiallyConsistent)
        #expect(try await snapshots.indicators(publicOnly: false, read: stored.read).count == 1)
        #expect(stored.reads.load(ordering: .sequentiallyConsistent) == 2)
    }
}
