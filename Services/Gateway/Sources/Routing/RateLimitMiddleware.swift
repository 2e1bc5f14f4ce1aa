import HTTPTypes
import Hummingbird
import ServiceKit

/// Answers 429 with `Retry-After` when a caller has used up their allowance: per API key, per user, or
/// per anonymous client (by its client key, never the address itself).
///
/// Runs after authentication, so it sees who is calling; the probes' routes are exempt.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    static let exemptPaths: Set<String> = ["/health", "/ready", "/metrics"]

    let limiter: RateLimiter
    let settings: RoutingSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.exemptPaths.contains(request.uri.path) else { return try await next(request, context) }
        let (key, limit) = RateLimitKeys.key(for: context.identity, clientKey: context.clientKey, settings: settings)
        if let wait = limiter.take(key, limit: limit) {
            throw ServiceError.rateLimited(retryAfterSeconds: max(1, Int(wait.components.seconds) + 1))
        }
        return try await next(request, context)
    }
}
