import Foundation
import Synchronization

/// Wakes the live streams of an episode when its questions change, so a subscriber need not wait for its
/// next poll. In-process here; on PostgreSQL ``LiveNotifications`` also carries the wake-up to every other
/// replica. A missed wake-up costs only latency: streams poll the feed anyway.
final class LiveSignal: Sendable {
    private struct Waiter {
        let episode: UUID
        let continuation: AsyncStream<Void>.Continuation
    }

    /// The subscriptions, and whether the service is stopping (then none are made).
    private let subscriptions = Mutex((waiters: [UUID: Waiter](), isFinished: false))
    /// Sends the episodes that changed to the other replicas (PostgreSQL `NOTIFY`); nothing on SQLite.
    private let broadcast = Mutex<(@Sendable (Set<UUID>) async -> Void)?>(nil)

    /// Streams open on this replica.
    private let streams = Mutex(0)
    private let wakeUps = Atomic<UInt64>(0)

    /// Counts the wake-ups so far: a read made in one generation may miss a change woken in the next
    /// (``LiveReads`` shares reads only within one).
    var generation: UInt64 { wakeUps.load(ordering: .acquiring) }

    init() {}

    /// Counts one more open stream unless `max` are open already (`nil` refuses it). The stream gives its
    /// place back when it ends, or when the response is dropped before its body ever ran.
    func admitStream(max: Int) -> StreamPlace? {
        let isAdmitted = streams.withLock { count in
            guard count < max else { return false }
            count += 1
            return true
        }
        return isAdmitted ? StreamPlace(signal: self) : nil
    }

    /// Streams open on this replica now.
    var openStreams: Int { streams.withLock { $0 } }

    /// One open stream's place in the count, given back once.
    final class StreamPlace: Sendable {
        private let signal: LiveSignal
        private let isReleased = Atomic(false)

        fileprivate init(signal: LiveSignal) {
            self.signal = signal
        }

        /// Gives the place back; later calls do nothing.
        func release() {
            if !isReleased.exchange(true, ordering: .relaxed) { signal.streams.withLock { $0 -= 1 } }
        }

        deinit { release() }
    }

    /// Sets what also tells other replicas of a change.
    func forward(to broadcast: @escaping @Sendable (Set<UUID>) async -> Void) {
        self.broadcast.withLock { $0 = broadcast }
    }

    /// A change to `episodes` was committed here: wake this replica's streams and tell the others.
    func changed(_ episodes: Set<UUID>) async {
        wake(episodes)
        if let broadcast = broadcast.withLock({ $0 }) { await broadcast(episodes) }
    }

    /// Wakes this replica's streams of `episodes` (a change here, or another replica's notice).
    func wake(_ episodes: Set<UUID>) {
        // Before the streams wake, so that none of them reuses a read made before the change.
        wakeUps.add(1, ordering: .releasing)
        subscriptions.withLock { subscriptions in
            for waiter in subscriptions.waiters.values where episodes.contains(waiter.episode) { waiter.continuation.yield() }
        }
    }

    /// Ends every subscription, and any made from now on: the service is stopping, and its live streams end
    /// so it can.
    func finishAll() {
        subscriptions.withLock { subscriptions in
            subscriptions.isFinished = true
            for waiter in subscriptions.waiters.values { waiter.continuation.finish() }
        }
    }

    /// A stream of wake-ups for `episode`, until it is finished; each holds at most one pending wake-up.
    func subscribe(_ episode: UUID) -> AsyncStream<Void> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        subscriptions.withLock { subscriptions in
            if subscriptions.isFinished { return continuation.finish() }
            subscriptions.waiters[id] = Waiter(episode: episode, continuation: continuation)
        }
        continuation.onTermination = { [weak self] _ in _ = self?.subscriptions.withLock { $0.waiters.removeValue(forKey: id) } }
        return stream
    }
}
