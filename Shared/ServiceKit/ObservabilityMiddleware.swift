import Hummingbird
import Logging
import Prometheus

/// Logs one line per request and records Prometheus metrics.
///
/// Both use the route *template* (`/api/v1/appeals/{id}`), never the concrete path: paths carry IDs and
/// tracking codes. Client IP addresses are never read. Unmatched paths share the label `unmatched` so a
/// scanner cannot blow up the metrics' cardinality.
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = Self.routeLabel(context.endpointPath)
        let elapsed = ContinuousClock.now - start
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        if !Self.isQuiet(route) {
            context.logger.info("request", metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .stringConvertible(elapsed / .milliseconds(1)),
            ])
        }
        return response
    }

    static func routeLabel(_ endpointPath: String?) -> String {
        guard let endpointPath, endpointPath != "NotFound" else { return "unmatched" }
        return endpointPath
    }

    /// Probes hit these every few seconds; logging them would drown the useful lines.
    static func isQuiet(_ route: String) -> Bool {
        OperationalRoutes.paths.contains(route)
    }
}

/// Request counters and latency histograms in one service's own registry.
///
/// Each application has its own registry (not the process-global `MetricsSystem`), so tests and the
/// all-in-one `openmedia` process can run several services without their metrics mixing.
public struct RequestMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    static var requestsTotal: MetricNameDescriptor { MetricNameDescriptor(
        metricName: "http_requests", unitName: "total", helpText: "HTTP requests by method, route template and status."
    ) }
    static var requestDuration: MetricNameDescriptor { MetricNameDescriptor(
        metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by method and route template."
    ) }

    /// Creates metrics in a new registry.
    public init() {
        registry = PrometheusCollectorRegistry()
    }

    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.requestsTotal,
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.requestDuration,
            labels: [("method", method), ("route", route)],
            buckets: Self.buckets
        ).record(duration)
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
