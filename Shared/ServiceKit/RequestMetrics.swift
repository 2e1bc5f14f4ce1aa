import Hummingbird
import Prometheus
import Synchronization

/// Request counters and latency histograms in one service's own registry.
///
/// Each application has its own registry (not the process-global `MetricsSystem`), so tests and the
/// all-in-one `openmedia` process can run several services without their metrics mixing.
public struct RequestMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let instruments = InstrumentCache()

    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    static var requestsTotal: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_requests", unitName: "total", helpText: "HTTP requests by method, route template and status."
        )
    }
    static var requestDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by method and route template."
        )
    }

    /// Creates metrics in a new registry.
    public init() {
        registry = PrometheusCollectorRegistry()
    }

    func record(method: HTTPRequest.Method, route: String, status: Int, duration: Duration) {
        let key = InstrumentCache.Key(method: Self.methodLabel(method), route: route, status: status)
        let (counter, histogram) = instruments.instruments(for: key) {
            (
                registry.makeCounter(
                    descriptor: Self.requestsTotal,
                    labels: [("method", key.method), ("route", key.route), ("status", String(key.status))]
                ),
                registry.makeDurationHistogram(
                    descriptor: Self.requestDuration,
                    labels: [("method", key.method), ("route", key.route)],
                    buckets: Self.buckets
                )
            )
        }
        counter.increment()
        histogram.record(duration)
    }

    /// The method as a label: HTTP's own methods by name, any other token as `other`, so a client
    /// inventing methods cannot create series without end.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options, .trace, .connect: method.rawValue
        default: "other"
        }
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// The registry's counter and histogram per label set, so recording a request is one dictionary lookup
/// rather than the registry's validation, label copying and locking. Bounded as the labels are: route
/// templates, HTTP's methods and status codes.
private final class InstrumentCache: Sendable {
    struct Key: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private let entries = Mutex<[Key: (Counter, DurationHistogram)]>([:])

    func instruments(for key: Key, orMake make: () -> (Counter, DurationHistogram)) -> (Counter, DurationHistogram) {
        if let found = entries.withLock({ $0[key] }) { return found }
        let made = make()
        entries.withLock { $0[key] = made }
        return made
    }
}
