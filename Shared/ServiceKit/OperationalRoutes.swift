import Hummingbird
import Logging
import Persistence

/// `GET /health`, `GET /ready` and `GET /metrics`: the routes probes and Prometheus use, open without
/// an identity and never routed by the gateway. `GET /openapi.json` (the API description) is open too:
/// it describes the API, it holds no data, and the gateway fetches it to serve the merged document.
struct OperationalRoutes {
    static let paths: Set<String> = ["/health", "/ready", "/metrics", "/openapi.json"]

    let database: Database
    let readiness: Readiness
    let metrics: RequestMetrics
    let openAPI: OpenAPIProvider
    /// Whether `/metrics` is served here, rather than by a ``MetricsListener`` of its own.
    let servesMetrics: Bool

    struct Status: ResponseEncodable {
        let status: String
    }

    func register(on router: ServiceRouter) {
        router.get("/health") { _, _ in Status(status: "ok") }
        router.get("/ready") { _, context in try await ready(context: context) }
        if servesMetrics {
            router.get("/metrics") { _, _ in metrics.response() }
        }
        router.get("/openapi.json") { _, _ in await openAPI.document() }
    }

    private func ready(context: ServiceRequestContext) async throws -> Status {
        if readiness.isDraining {
            throw ServiceError.draining
        }
        guard readiness.isMigrated else {
            throw ServiceError.starting
        }
        do {
            try await database.checkReachable(timeout: .seconds(2))
        } catch {
            context.logger.warning("readiness check failed", metadata: ["reason": "\(error)"])
            throw ServiceError.databaseUnreachable
        }
        return Status(status: "ready")
    }
}
