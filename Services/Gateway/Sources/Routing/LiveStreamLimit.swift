import Synchronization

/// How many live streams (Server-Sent Events) each client key holds open through the gateway, bounded by
/// `GATEWAY_LIVE_STREAMS_PER_CLIENT`: a stream holds a connection to the service and a subscription there
/// for as long as the client likes, so one client must not hold them by the hundred.
final class LiveStreamLimit: Sendable {
    /// Streams one client key may hold at once.
    let perClient: Int
    private let open = Mutex([String: Int]())

    init(perClient: Int) {
        self.perClient = perClient
    }

    /// A slot for one more stream of `client`, or `nil` when it holds ``perClient`` already.
    func acquire(for client: String) -> Slot? {
        let granted = open.withLock { open -> Bool in
            guard open[client, default: 0] < perClient else { return false }
            open[client, default: 0] += 1
            return true
        }
        return granted ? Slot(limit: self, client: client) : nil
    }

    /// Streams `client` holds now.
    func count(for client: String) -> Int {
        open.withLock { $0[client, default: 0] }
    }

    fileprivate func release(_ client: String) {
        open.withLock { open in
            let remaining = open[client, default: 0] - 1
            // Clients without streams are forgotten, so the table holds only those streaming now.
            open[client] = remaining > 0 ? remaining : nil
        }
    }

    /// One stream's place in the count; given back once, when released or when the last reference goes,
    /// so a response dropped before its body ran frees its slot too.
    final class Slot: Sendable {
        private let limit: LiveStreamLimit
        private let client: String
        private let isReleased = Atomic(false)

        fileprivate init(limit: LiveStreamLimit, client: String) {
            self.limit = limit
            self.client = client
        }

        /// Gives the slot back; later calls do nothing.
        func release() {
            if !isReleased.exchange(true, ordering: .relaxed) { limit.release(client) }
        }

        deinit { release() }
    }
}
