import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Keep-alive HTTP/1.1 connections to one service, and the forwarding of requests over them.
///
/// A lean stand-in for a general-purpose HTTP client, for the one thing the gateway does per request:
/// the endpoint is parsed once, requests arrive with their heads built, and nothing else (redirects,
/// TLS, proxies, tracing) is supported. Idle connections are reused most recent first, new ones are
/// opened up to a soft limit (beyond which requests wait their turn until their deadline), at most
/// `maxIdleConnections` are kept idle, and each is closed after idling for `idleTimeout`.
final class UpstreamConnectionPool: Sendable {
    /// The pool's limits and timeouts.
    struct Configuration: Sendable {
        /// How long opening a connection may take.
        var connectTimeout: Duration
        /// How long the service may pause while the gateway waits for more of a response body.
        var readTimeout: Duration
        /// Connections open at once, beyond which requests wait for one to be released.
        var softLimit = 256
        /// Idle connections kept for reuse. Half the soft limit: enough that steady load between the
        /// gateway and a service reuses connections instead of reopening them, while a burst's leftovers
        /// are closed at once.
        var maxIdleConnections = 128
        /// How long a connection may idle before it is closed: below the services' own idle timeout
        /// (`HTTP_IDLE_TIMEOUT_SECONDS`), so the gateway, not the service, closes idle connections.
        var idleTimeout: Duration = .seconds(30)
    }

    /// Where the service listens.
    let endpoint: UpstreamEndpoint
    let configuration: Configuration
    private let state: Mutex<UpstreamPoolState>

    init(endpoint: UpstreamEndpoint, configuration: Configuration) {
        self.endpoint = endpoint
        self.configuration = configuration
        state = Mutex(UpstreamPoolState(softLimit: configuration.softLimit, maxIdle: configuration.maxIdleConnections))
    }

    /// Sends `request` on a pooled connection and returns once the response head has arrived.
    ///
    /// A request without a body that finds its pooled connection closed before any answer (the service
    /// closed it while it idled, unnoticed until now) is sent once more on a new connection: the service
    /// never saw it. A request with a body is not: its body has been read from the client and is gone.
    /// Nothing else is retried; a refused connection fails at once.
    ///
    /// - Parameter deadline: When the response head must have arrived, waiting for a connection included.
    func send(_ request: UpstreamRequest, deadline: NIODeadline) async throws -> UpstreamResponse {
        let (connection, isReused) = try await lease(deadline: deadline, allowingIdle: true)
        do {
            return try await connection.exchange(request, deadline: deadline)
        } catch UpstreamError.closedBeforeResponse where isReused && !request.hasBody {
            let (fresh, _) = try await lease(deadline: deadline, allowingIdle: false)
            return try await fresh.exchange(request, deadline: deadline)
        }
    }

    /// Closes every connection and fails every waiting request; requests sent afterwards fail too.
    func shutdown() async {
        let (connections, waiters) = state.withLock { $0.shutDown() }
        for waiter in waiters { waiter.resume(throwing: UpstreamError.shutDown) }
        for connection in connections { connection.channel.close(promise: nil) }
        for connection in connections { try? await connection.channel.closeFuture.get() }
    }

    /// Idle connections kept now.
    var idleCount: Int { state.withLock { $0.idle.count } }

    /// Connections open now, leased or idle.
    var openCount: Int { state.withLock { $0.open.count } }

    // MARK: Leasing

    private func lease(deadline: NIODeadline, allowingIdle: Bool) async throws -> (UpstreamConnection, isReused: Bool) {
        let turn: UpstreamPoolState.Turn
        switch state.withLock({ $0.lease(allowingIdle: allowingIdle) }) {
        case .reuse(let connection): return (connection, true)
        case .connect(let id): return (try await connect(id), false)
        case .shutDown: throw UpstreamError.shutDown
        case .atLimit: turn = try await waitForTurn(deadline: deadline, allowingIdle: allowingIdle)
        }
        switch turn {
        case .connection(let connection): return (connection, true)
        case .connect(let id): return (try await connect(id), false)
        }
    }

    /// Waits until a connection is released or room for a new one frees up, `deadline` passes or the
    /// task is cancelled.
    private func waitForTurn(deadline: NIODeadline, allowingIdle: Bool) async throws -> UpstreamPoolState.Turn {
        let waiter = state.withLock { $0.makeWaiterID() }
        let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(deadline: deadline) { [self] in
            stopWaiting(waiter, with: UpstreamError.responseTimeout)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate = state.withLock { state -> Result<UpstreamPoolState.Turn, any Error>? in
                    // Checked under the lock: a cancellation or deadline that came before the waiter was
                    // queued found nobody to stop.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if NIODeadline.now() >= deadline { return .failure(UpstreamError.responseTimeout) }
                    return state.leaseOrWait(allowingIdle: allowingIdle, waiter: waiter, continuation: continuation)
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            stopWaiting(waiter, with: CancellationError())
        }
    }

    private func stopWaiting(_ waiter: Int, with error: any Error) {
        state.withLock { $0.removeWaiter(waiter) }?.resume(throwing: error)
    }

    // MARK: Connections

    /// Opens connection `id`, for which room was reserved.
    private func connect(_ id: Int) async throws -> UpstreamConnection {
        let connection: UpstreamConnection
        do {
            let readTimeout = TimeAmount(configuration.readTimeout)
            let idleTimeout = TimeAmount(configuration.idleTimeout)
            connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                // The handler reads only when it wants bytes: that is the response body's backpressure.
                .channelOption(.autoRead, value: false)
                .connect(host: endpoint.host, port: endpoint.port) { [self] channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = UpstreamConnectionHandler(
                            id: id, eventLoop: channel.eventLoop, pool: self, readTimeout: readTimeout, idleTimeout: idleTimeout
                        )
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(handler)
                        return UpstreamConnection(id: id, channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
                    }
                }
        } catch {
            state.withLock { $0.connectFailed() }?.resume()
            throw error
        }
        guard state.withLock({ $0.connected(connection) }) else {
            connection.channel.close(promise: nil)
            throw UpstreamError.shutDown
        }
        // Registered once it is listed, so that a close, however early, finds it.
        connection.channel.closeFuture.whenComplete { [self] _ in
            state.withLock { $0.closed(id) }?.resume()
        }
        return connection
    }

    /// Connection `id` finished a complete exchange; called by its handler, on its event loop.
    func release(_ id: Int) -> UpstreamPoolState.Release {
        let (release, grant) = state.withLock { $0.release(id) }
        grant?.resume()
        return release
    }

    /// Connection `id` answered with a live stream: see ``UpstreamPoolState/startedStreaming(_:)``.
    func startedStreaming(_ id: Int) {
        state.withLock { $0.startedStreaming(id) }?.resume()
    }

    /// Takes idle connection `id` out of the pool for closing; `false` if it was leased meanwhile.
    func removeIdle(_ id: Int) -> Bool {
        state.withLock { $0.removeIdle(id) }
    }
}
