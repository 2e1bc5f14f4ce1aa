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
        metrics.record(method: request.method, route: route, status: response.status.code, duration: elapsed)
        if !Self.isQuiet(route) {
            context.logger.info(
                "request",
                metadata: [
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
