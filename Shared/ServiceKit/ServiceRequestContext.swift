import Foundation
import Hummingbird
import Logging
import NIOCore

/// The request context of every service: who is calling, the request ID, and the body limit.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who sent the request, set by ``IdentityMiddleware`` from the signed identity assertion.
    /// `nil` only on the operational routes, which need no identity.
    public var identity: Identity?
    /// The request ID, accepted from `X-Request-ID` or generated.
    public var requestID: String = ""
    /// The largest body this route accepts, set by ``BodyLimitMiddleware``.
    public var bodyLimit: Int = BodyLimitMiddleware.defaultLimit

    /// The peer's address. Never log it, never forward it; the gateway keys clients by ``clientKey``.
    public let remoteAddress: SocketAddress?
    /// A pseudonymous key of the client that sent the request: a keyed hash of its address, computed by
    /// the gateway and carried in the identity assertion. For throttling and scoping anonymous callers'
    /// idempotency keys only: never log it, never store it other than hashed.
    public var clientKey: String?
    /// Whether the client reached the gateway over HTTPS, as a trusted reverse proxy said in
    /// `X-Forwarded-Proto` (TLS ends at the proxy): the site's cookies are then `Secure` and `__Host-`.
    public var isOverHTTPS = false
    /// The client's connection. A response that waits for its content indefinitely (the gateway's live
    /// streams) watches it, since nothing else tells it that the client left.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    public var maxUploadSize: Int { bodyLimit }
    public var requestDecoder: JSONDecoder { .api }
    public var responseEncoder: JSONEncoder { .api }

    /// The identity, or 401 when the route was reached without one (a wiring mistake, not a client's).
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw ServiceError.identityMissing }
        return identity
    }
}
