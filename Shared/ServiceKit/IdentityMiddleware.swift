import HTTPTypes
import Hummingbird
import Logging

/// Requires a valid identity assertion on every route except the operational ones, and puts the
/// verified identity in the context.
///
/// Service identities are accepted only under `/internal/`, where each route also names its allowed
/// callers with ``AllowedCallersMiddleware``; public API routes serve only what the gateway vouches for.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    static let header = HTTPField.Name(IdentityAssertion.headerName)!
    /// The prefix of service-to-service routes.
    static let internalPrefix = "/internal/"

    let verifier: IdentityVerifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if OperationalRoutes.paths.contains(request.uri.path) {
            return try await next(request, context)
        }
        guard let token = request.headers[Self.header] else {
            throw ServiceError.identityMissing
        }
        let identity: Identity
        let clientKey: String?
        do {
            (identity, clientKey) = try verifier.verify(token)
        } catch {
            context.logger.notice("refused identity assertion", metadata: ["reason": "\(error)"])
            throw ServiceError.identityInvalid
        }
        if case .service = identity, !request.uri.path.hasPrefix(Self.internalPrefix) {
            throw ServiceError.callerNotAllowed
        }
        var context = context
        context.identity = identity
        context.clientKey = clientKey
        return try await next(request, context)
    }
}

/// Lets only the named services call the routes it guards (internal service-to-service routes).
public struct AllowedCallersMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    let callers: Set<String>

    /// Allows the services named in `callers`.
    public init(_ callers: Set<String>) {
        self.callers = callers
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard case .service(let name) = context.identity, callers.contains(name) else {
            throw ServiceError.callerNotAllowed
        }
        return try await next(request, context)
    }
}
