import Foundation
import Synchronization

/// The logframe as dashboards and exports read it, kept in memory.
///
/// Every dashboard view needs the whole logframe, and reading and decoding it from the database costs more than
/// the rest of a view once the dashboard is composed. So it is read at most once per ``lifetime``; meanwhile views
/// get the last one read, and once it is older a view gets it still while one read of the next runs. A change
/// made through this gateway is seen at once (``changed()``: the next view waits for a fresh read); one made
/// through another replica, within ``lifetime``.
final class LogframeSnapshots: Sendable {
    /// The logframe's indicators at one moment, with the public ones apart, each array read once and shared by
    /// every view, so that comparing them with the last ones composed is cheap.
    struct Snapshot: Sendable {
        let all: [LogframeIndicator]
        let publicOnly: [LogframeIndicator]

        init(_ all: [LogframeIndicator]) {
            self.all = all
            publicOnly = all.filter { $0.visibility == .public }
        }
    }

    private struct State {
        /// Raised by each change, so that a read begun before it is not kept as fresh.
        var generation = 0
        var snapshot: Snapshot?
        var readAt = ContinuousClock.Instant.now
        var reading: (generation: Int, task: Task<Snapshot, any Error>)?
    }

    /// How long a read is shown before the next; the delay with which another replica's change is seen.
    let lifetime: Duration
    private let state = Mutex(State())

    init(lifetime: Duration = .seconds(1)) {
        self.lifetime = lifetime
    }

    /// The logframe's indicators, only the public ones when `publicOnly`, read by `read` when none is fresh.
    func indicators(publicOnly: Bool, read: @escaping @Sendable () async throws -> [LogframeIndicator]) async throws -> [LogframeIndicator] {
        let snapshot = try await snapshot(read: read)
        return publicOnly ? snapshot.publicOnly : snapshot.all
    }

    /// The logframe changed through this gateway: the next caller reads it again.
    func changed() {
        state.withLock { state in
            state.generation += 1
            state.snapshot = nil
            state.reading = nil
        }
    }

    private func snapshot(read: @escaping @Sendable () async throws -> [LogframeIndicator]) async throws -> Snapshot {
        enum Next {
            case show(Snapshot)
            case wait(Task<Snapshot, any Error>)
        }
        let next: Next = state.withLock { state in
            let now = ContinuousClock.Instant.now
            if let snapshot = state.snapshot, state.readAt.duration(to: now) < lifetime { return .show(snapshot) }
            let reading: Task<Snapshot, any Error>
            if let current = state.reading, current.generation == state.generation {
                reading = current.task
            } else {
                let generation = state.generation
                reading = Task { try await self.read(generation: generation, startedAt: now, read: read) }
                state.reading = (generation, reading)
            }
            // The last one read is shown while the next is read, unless a change here made it wrong.
            return state.snapshot.map { .show($0) } ?? .wait(reading)
        }
        switch next {
        case .show(let snapshot): return snapshot
        case .wait(let reading): return try await reading.value
        }
    }

    private func read(
        generation: Int, startedAt: ContinuousClock.Instant, read: @Sendable () async throws -> [LogframeIndicator]
    ) async throws -> Snapshot {
        let indicators: [LogframeIndicator]
        do {
            indicators = try await read()
        } catch {
            // The next caller tries again.
            state.withLock { state in if state.reading?.generation == generation { state.reading = nil } }
            throw error
        }
        return state.withLock { state in
            if state.reading?.generation == generation { state.reading = nil }
            // An unchanged logframe keeps the arrays already shown, so the dashboards composed from them stay current.
            let snapshot = state.snapshot.flatMap { $0.all == indicators ? $0 : nil } ?? Snapshot(indicators)
            guard state.generation == generation else { return snapshot }
            state.snapshot = snapshot
            state.readAt = startedAt
            return snapshot
        }
    }
}
