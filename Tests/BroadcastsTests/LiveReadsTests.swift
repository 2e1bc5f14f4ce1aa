import Foundation
import Synchronization
import Testing

@testable import Broadcasts

/// The live streams' shared reads: streams asking the same at the same time share one read of the database,
/// and none of them gets a read made before a change that woke it.
@Suite struct LiveReadsTests {
    /// A read that counts its calls and, while `isHeld`, waits until released: the database being slow.
    final class CountingRead: Sendable {
        private let state = Mutex((calls: 0, isHeld: true, waiting: [CheckedContinuation<Void, Never>]()))

        var calls: Int { state.withLock { $0.calls } }

        func read(_ episode: UUID, _ after: Int64, _ limit: Int) async throws -> LiveReads.Batch {
            let call = state.withLock { state -> Int in
                state.calls += 1
                return state.calls
            }
            await withCheckedContinuation { continuation in
                let isHeld = state.withLock { state -> Bool in
                    if state.isHeld { state.waiting.append(continuation) }
                    return state.isHeld
                }
                if !isHeld { continuation.resume() }
            }
            return LiveReads.Batch(changes: [.init(sequence: after + Int64(call), questionId: episode)], questions: [:], moderationMode: nil)
        }

        func release() {
            let waiting = state.withLock { state in
                state.isHeld = false
                defer { state.waiting = [] }
                return state.waiting
            }
            for continuation in waiting { continuation.resume() }
        }
    }

    @Test func streamsAskingTheSameAtOnceShareOneRead() async throws {
        let counting = CountingRead()
        // A window no test run outlasts: a stream asking late, on a slow machine, still shares the read.
        let reads = LiveReads(signal: LiveSignal(), reuseWindow: .seconds(3600), read: counting.read)
        let episode = UUID()
        let batches = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<200 { group.addTask { try await reads.batch(of: episode, after: 7, limit: 500).changes[0].sequence } }
            while counting.calls == 0 { await Task.yield() }
            try await Task.sleep(for: .milliseconds(50))
            counting.release()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counting.calls == 1)
        #expect(Set(batches) == [8], "every stream got the one read's answer")
        // Another number or another episode is another read.
        _ = try await reads.batch(of: episode, after: 8, limit: 500)
        _ = try await reads.batch(of: UUID(), after: 7, limit: 500)
        #expect(counting.calls == 3)
    }

    @Test func aStreamWokenByAChangeNeverGetsAReadMadeBeforeIt() async throws {
        let counting = CountingRead()
        let signal = LiveSignal()
        // A window no test run outlasts: the reuse below must not depend on how fast the machine is.
        let reads = LiveReads(signal: signal, reuseWindow: .seconds(3600), read: counting.read)
        let episode = UUID()
        async let before = reads.batch(of: episode, after: 0, limit: 500)
        while counting.calls == 0 { await Task.yield() }
        // A change commits while that read is still at the database: the streams it wakes read again.
        signal.wake([episode])
        async let after = reads.batch(of: episode, after: 0, limit: 500)
        while counting.calls < 2 { await Task.yield() }
        counting.release()
        #expect(try await before.changes[0].sequence == 1)
        #expect(try await after.changes[0].sequence == 2)
        // Finished, the read serves the polls of the same generation within its window.
        _ = try await reads.batch(of: episode, after: 0, limit: 500)
        #expect(counting.calls == 2)
    }

    @Test func aFinishedReadPastItsWindowIsReadAgain() async throws {
        let counting = CountingRead()
        counting.release()
        let reads = LiveReads(signal: LiveSignal(), reuseWindow: .zero, read: counting.read)
        let episode = UUID()
        _ = try await reads.batch(of: episode, after: 0, limit: 500)
        _ = try await reads.batch(of: episode, after: 0, limit: 500)
        #expect(counting.calls == 2)
    }

    @Test func aFailedReadIsNotShared() async throws {
        let calls = Mutex(0)
        struct DatabaseDown: Error {}
        let reads = LiveReads(signal: LiveSignal()) { _, _, _ in
            let call = calls.withLock { calls -> Int in
                calls += 1
                return calls
            }
            if call == 1 { throw DatabaseDown() }
            return LiveReads.Batch(changes: [], questions: [:], moderationMode: nil)
        }
        let episode = UUID()
        await #expect(throws: DatabaseDown.self) { try await reads.batch(of: episode, after: 0, limit: 500) }
        #expect(try await reads.batch(of: episode, after: 0, limit: 500).changes.isEmpty)
    }
}
