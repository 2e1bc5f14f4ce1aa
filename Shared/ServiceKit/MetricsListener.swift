import Hummingbird
import Logging
import Synchronization

/// Serves `GET /metrics` on a port of its own, for a service whose main port is public: Prometheus
/// scrapes it on the internal network, and the public port answers 404.
public struct MetricsListener: Sendable {
    /// The listener, run with the service's application (and stopped with it).
    let application: Application<RouterResponder<BasicRequestContext>>
    init(host: String, port: Int, metrics: RequestMetrics, timeouts: HTTPTimeouts, logger: Logger) {
        let router = Router()
        router.get("/metrics") { _, _ in metrics.response() }
        let bound = BoundPort()
        application = Application(
            router: router,
            server: GuardedHTTP1Channel.builder(timeouts: timeouts, connectionsPerClient: nil),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in bound.set(channel.localAddress?.port) },
            logger: logger
        )
        self.bound = bound
    }

    private let bound: BoundPort

    /// The port it listens on, once it does (the configured one, or the one the system chose for 0).
    public var boundPort: Int? { bound.value }
}

/// The port a listener bound, shared with its `onServerRunning`.
private final class BoundPort: Sendable {
    private let port = Mutex<Int?>(nil)
    var value: Int? { port.withLock { $0 } }
    func set(_ value: Int?) { port.withLock { $0 = value } }
}

extension RequestMetrics {
    /// The Prometheus text exposition as a response.
    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: exposition())))
    }
}
