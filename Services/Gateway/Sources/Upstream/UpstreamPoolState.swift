import NIOCore

/// The bookkeeping of one service's connection pool, kept under the pool's lock: which connections are
/// open, which of them idle, and who waits for one. Its methods decide; the pool acts on the decisions
/// (connecting, resuming waiters, closing) outside the lock.
///
/// Invariant: somebody waits only while the pool is at its limit and has no idle connection, so a
/// released or closed connection always goes to the longest waiter first.
struct UpstreamPoolState {
    /// What a lessee gets once it is its turn.
    enum Turn: Sendable {
        /// An open connection, used before.
        case connection(UpstreamConnection)
        /// Leave to open a new connection, numbered `id`.
        case connect(id: Int)
    }

    /// What a lease request gets at once.
    enum Lease {
        case reuse(UpstreamConnection)
        case connect(id: Int)
        /// At the limit with nothing idle: the lessee must wait.
        case atLimit
        case shutDown
    }

    /// What becomes of a connection after a complete exchange.
    enum Release: Equatable {
        /// Kept in the pool for the next request.
        case keptIdle
        /// Given to a waiting lessee.
        case handedOver
        /// To be closed: the pool is full of idle connections, or shutting down.
        case close
    }

    /// A waiter's turn, to be given outside the lock.
    struct Grant: Sendable {
        let waiter: CheckedContinuation<Turn, any Error>
        let turn: Turn

        func resume() { waiter.resume(returning: turn) }
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Turn, any Error>
    }

    /// Connections open or being opened, beyond which lessees wait.
    let softLimit: Int
    /// Idle connections kept; one more is closed instead.
    let maxIdle: Int
    /// Idle connections, the most recently used last: reusing it first lets the others age out.
    private(set) var idle: [UpstreamConnection] = []
    /// Every open connection, by number, so that shutting down can close the leased ones too.
    private(set) var open: [Int: UpstreamConnection] = [:]
    /// Connections open or being opened, live streams aside.
    private(set) var reserved = 0
    /// Open connections carrying a live stream: outside ``reserved``, and closed when their stream ends.
    private var streaming: Set<Int> = []
    private var waiters = CircularBuffer<Waiter>()
    private var lastConnectionID = 0
    private var lastWaiterID = 0
    private(set) var isShutDown = false

    init(softLimit: Int, maxIdle: Int) {
        self.softLimit = softLimit
        self.maxIdle = maxIdle
    }

    /// Leases an idle connection (unless `allowingIdle` is false and there is room for a new one), or
    /// reserves room for a new one.
    mutating func lease(allowingIdle: Bool) -> Lease {
        if isShutDown { return .shutDown }
        if allowingIdle || reserved >= softLimit {
            while let connection = idle.popLast() {
                // One the service has closed may still be listed until its close is processed.
                if connection.channel.isActive { return .reuse(connection) }
            }
        }
        if reserved < softLimit { return .connect(id: reserveConnection()) }
        return .atLimit
    }

    /// A number for a lessee about to wait.
    mutating func makeWaiterID() -> Int {
        lastWaiterID += 1
        return lastWaiterID
    }

    /// Leases as ``lease(allowingIdle:)`` does, or, at the limit, queues `continuation` and returns `nil`.
    mutating func leaseOrWait(
        allowingIdle: Bool, waiter id: Int, continuation: CheckedContinuation<Turn, any Error>
    ) -> Result<Turn, any Error>? {
        switch lease(allowingIdle: allowingIdle) {
        case .reuse(let connection): return .success(.connection(connection))
        case .connect(let connectionID): return .success(.connect(id: connectionID))
        case .shutDown: return .failure(UpstreamError.shutDown)
        case .atLimit:
            waiters.append(Waiter(id: id, continuation: continuation))
            return nil
        }
    }

    /// Takes waiter `id` out of the queue, if it is still waiting.
    mutating func removeWaiter(_ id: Int) -> CheckedContinuation<Turn, any Error>? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).continuation
    }

    /// A new connection is open; `false` when the pool shut down meanwhile and it must be closed.
    mutating func connected(_ connection: UpstreamConnection) -> Bool {
        guard !isShutDown else { return false }
        open[connection.id] = connection
        return true
    }

    /// Opening a connection failed: its room goes to a waiter, if any.
    mutating func connectFailed() -> Grant? {
        reserved -= 1
        return grantConnect()
    }

    /// Connection `id` finished an exchange and may serve another.
    mutating func release(_ id: Int) -> (Release, Grant?) {
        guard !isShutDown, !streaming.contains(id), let connection = open[id] else { return (.close, nil) }
        if let waiter = waiters.popFirst() {
            return (.handedOver, Grant(waiter: waiter.continuation, turn: .connection(connection)))
        }
        guard idle.count < maxIdle else { return (.close, nil) }
        idle.append(connection)
        return (.keptIdle, nil)
    }

    /// Takes connection `id` out of the idle list for closing; `false` if it is no longer idle.
    mutating func removeIdle(_ id: Int) -> Bool {
        guard let index = idle.firstIndex(where: { $0.id == id }) else { return false }
        idle.remove(at: index)
        return true
    }

    /// Connection `id` has closed: its room goes to a waiter, if any.
    mutating func closed(_ id: Int) -> Grant? {
        guard open.removeValue(forKey: id) != nil else { return nil }
        _ = removeIdle(id)
        if streaming.remove(id) != nil { return nil }
        reserved -= 1
        return grantConnect()
    }

    /// Connection `id` answered with a live stream: it leaves the soft limit's count, and its room goes to a
    /// waiter, if any. A stream lasts as long as its subscriber watches, one connection each, so counted
    /// streams would soon starve every other request; the gateway bounds them per client instead
    /// (``LiveStreamLimit``), and the service per replica.
    mutating func startedStreaming(_ id: Int) -> Grant? {
        guard open[id] != nil, streaming.insert(id).inserted else { return nil }
        reserved -= 1
        return grantConnect()
    }

    /// Marks the pool shut down and hands back what must be closed and who must be told.
    mutating func shutDown() -> (connections: [UpstreamConnection], waiters: [CheckedContinuation<Turn, any Error>]) {
        isShutDown = true
        let connections = Array(open.values)
        let waiting = waiters.map(\.continuation)
        open = [:]
        idle = []
        waiters.removeAll()
        return (connections, waiting)
    }

    private mutating func reserveConnection() -> Int {
        reserved += 1
        lastConnectionID += 1
        return lastConnectionID
    }

    private mutating func grantConnect() -> Grant? {
        guard !isShutDown, reserved < softLimit, let waiter = waiters.popFirst() else { return nil }
        return Grant(waiter: waiter.continuation, turn: .connect(id: reserveConnection()))
    }
}
