import Synchronization

/// How many live streams (Server-Sent Events) each client key holds open through the gateway, bounded by
/// `GATEWAY_LIVE_STREAMS_PER_CLIENT`: a stream holds a connection to the service and a subscription there
/// for as long as the client likes, so one client must not hold them by the hundred. It also ends them all
/// when the gateway stops: a stream never ends by itself, and the server waits for open responses.
final class LiveStreamLimit: Sendable {
    /// Streams one client key may hold at once.
    let perClient: Int
    private let state = Mutex(State())

    private struct State {
        var openByClient: [String: Int] = [:]
        /// How to end each open stream, by its slot's number.
        var ends: [Int: @Sendable () -> Void] = [:]
        var lastSlot = 0
    }

    init(perClient: Int) {
        self.perClient = perClient
    }

    /// A slot for one more stream of `client`, or `nil` when it holds ``perClient`` already; `end` ends the
    /// stream if the gateway stops while it is open.
    func acquire(for client: String, end: @escaping @Sendable () -> Void) -> Slot? {
        let number = state.withLock { state -> Int? in
            guard state.openByClient[client, default: 0] < perClient else { return nil }
            state.openByClient[client, default: 0] += 1
            state.lastSlot += 1
            state.ends[state.lastSlot] = end
            return state.lastSlot
        }
        return number.map { Slot(limit: self, client: client, number: $0) }
    }

    /// Streams `client` holds now.
    func count(for client: String) -> Int {
        state.withLock { $0.openByClient[client, default: 0] }
    }

    /// Ends every open stream: the gateway is stopping. Their clients reconnect, to another replica, with
    /// `Last-Event-ID`.
    func endAll() {
        let ends = state.withLock { Array($0.ends.values) }
        for end in ends { end() }
    }

    fileprivate func release(_ client: String, number: Int) {
        state.withLock { state in
            let remaining = state.openByClient[client, default: 0] - 1
            // Clients without streams are forgotten, so the table holds only those streaming now.
            state.openByClient[client] = remaining > 0 ? remaining : nil
            state.ends[number] = nil
        }
    }

    /// One stream's place in the count; given back once, when released or when the last reference goes,
    /// so a response dropped before its body ran frees its slot too.
    final class Slot: Sendable {
        private let limit: LiveStreamLimit
        private let client: String
        private let number: Int
        private let isReleased = Atomic(false)

        fileprivate init(limit: LiveStreamLimit, client: String, number: Int) {
            self.limit = limit
            self.client = client
            self.number = number
        }

        /// Gives the slot back; later calls do nothing.
        func release() {
            if !isReleased.exchange(true, ordering: .relaxed) { limit.release(client, number: number) }
        }

        deinit { release() }
    }
}
