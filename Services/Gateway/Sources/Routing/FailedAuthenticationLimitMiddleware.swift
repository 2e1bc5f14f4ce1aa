import HTTPTypes
import Hummingbird
import ServiceKit

/// Charges a client for every request whose credentials are refused, before authentication looks at
/// the next one: the rate limits after authentication never see a refused request, so without this a
/// client could try keys and tokens without limit, each costing a lookup or a signature check.
///
/// Once a client's failed authentications use up the anonymous allowance, its requests that carry
/// credentials get 429 without being checked, until the bucket refills; the public's requests and other
/// clients' are unaffected.
struct FailedAuthenticationLimitMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    /// The headers that carry credentials; their names are the authentication middleware's.
    static let credentialHeaders: [HTTPField.Name] = [.authorization, HTTPField.Name("X-API-Key")!]

    let limiter: RateLimiter
    let settings: RoutingSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.credentialHeaders.contains(where: { request.headers[$0] != nil }) else { return try await next(request, context) }
        let (key, limit) = RateLimitKeys.failedAuthenticationKey(clientKey: context.clientKey, settings: settings)
        // Charged before the check and given back unless refused: guesses sent at once cannot all pass a bucket
        // with one token left while each is being checked.
        if let wait = limiter.take(key, limit: limit) {
            throw ServiceError.rateLimited(retryAfterSeconds: max(1, Int(wait.components.seconds) + 1))
        }
        do {
            let response = try await next(request, context)
            limiter.giveBack(key, limit: limit)
            return response
        } catch let error as ServiceError where error.status == .unauthorized {
            throw error
        } catch {
            limiter.giveBack(key, limit: limit)
            throw error
        }
    }
}
