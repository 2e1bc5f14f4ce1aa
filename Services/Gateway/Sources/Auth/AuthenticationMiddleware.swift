import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit
import Web

/// Works out who is calling the gateway: a bearer access token, an API key, a site session (on the site's
/// pages only), or the anonymous public.
///
/// Invalid credentials are refused (401) rather than downgraded to anonymous, so a client with an
/// expired token learns it must refresh; so is a token whose session ended (its user changed, was disabled,
/// or their organisation was). API keys are confined to the service routes their scopes name. A key comes
/// in `X-API-Key`, or, for Open311 intake only, in the standard's `api_key` form field (``Open311FormKey``).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    let tokens: AccessTokens
    let sessions: SessionVersions
    let apiKeys: APIKeyRepository
    let siteSessions: SiteSessionRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let hasCredentialHeader = request.headers[.authorization] != nil || request.headers[Self.apiKeyHeader] != nil
        let formKey = hasCredentialHeader ? nil : try await Open311FormKey.key(in: &request)
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "),
                let token = await tokens.verify(String(authorization.dropFirst("Bearer ".count))),
                try await sessions.isCurrent(token.sessionVersion, for: token.userID)
            else { throw ServiceError.invalidToken }
            context.identity = .principal(token.principal)
        } else if let secret = request.headers[Self.apiKeyHeader] ?? formKey {
            guard let key = try await apiKeys.authenticate(secret) else {
                throw ServiceError.invalidAPIKey
            }
            let path = request.uri.path
            let isAPIRoute = path.hasPrefix("/api/") || ServiceCatalog.owner(of: path) != nil
            guard !isAPIRoute || key.allows(method: request.method.rawValue, path: path) else {
                throw ServiceError.insufficientScope(key.scopes)
            }
            context.identity = .principal(Principal(subject: "apikey:\(key.id.text)", roles: [.csoPartner], organizationID: key.organizationId))
        } else if let token = SiteCookie.value(SignInPagesController.cookieName, in: request, isOverHTTPS: context.isOverHTTPS),
            SitePaths.isPage(request.uri.path)
        {
            // Pages only: a cookie the browser adds by itself must never make an API call on a person's behalf.
            // An ended or expired session leaves a person on the public site, where the pages offer sign-in again.
            context.identity = try await siteSession(token).map { .principal($0) } ?? .anonymous
        } else {
            context.identity = .anonymous
        }
        return try await next(request, context)
    }

    /// The principal of a live site session whose user's sessions have not been ended since.
    private func siteSession(_ token: String) async throws -> Principal? {
        guard let found = try await siteSessions.find(token), try await sessions.isCurrent(found.sessionVersion, for: found.userID) else {
            return nil
        }
        return found.principal
    }
}
