import Foundation
import JWTKit
import Models

/// The claims of an identity assertion: a JWT signed with Ed25519, sent in ``IdentityAssertion/headerName``.
///
/// The gateway issues one per forwarded request (`iss` = `gateway`); a service calling another issues one
/// for itself (`iss` = `sub` = its own name). `aud` is the receiving service, and the lifetime is at most
/// ``maximumLifetime``, so a captured assertion is useless elsewhere and soon useless everywhere.
public struct IdentityAssertion: JWTPayload, Equatable {
    /// The header that carries the assertion.
    public static let headerName = "X-Identity-Assertion"
    /// The issuer name of the gateway.
    public static let gatewayIssuer = "gateway"
    /// The subject of anonymous requests.
    public static let anonymousSubject = "anonymous"
    /// The longest lifetime a receiver accepts.
    public static let maximumLifetime: TimeInterval = 60
    /// Tolerated clock difference between replicas.
    static let clockSkew: TimeInterval = 5

    /// Who signed: `gateway` or a service name.
    public var iss: IssuerClaim
    /// The receiving service.
    public var aud: AudienceClaim
    /// The principal's subject, `anonymous`, or the calling service's name.
    public var sub: SubjectClaim
    /// The principal's roles (raw values of ``Role``).
    public var roles: [String]
    /// The principal's organisation.
    public var org: UUID?
    /// The principal's organisation's region.
    public var orgRegion: Region?
    /// The client's pseudonymous key (see ``ServiceRequestContext/clientKey``); only the gateway sets it.
    public var client: String?
    /// When it was issued.
    public var iat: IssuedAtClaim
    /// When it expires.
    public var exp: ExpirationClaim

    /// Creates claims; see ``IdentitySigner`` for the usual way.
    public init(issuer: String, audience: String, subject: String, roles: [String], organizationID: UUID?, issuedAt: Date, expiresAt: Date) {
        iss = .init(value: issuer)
        aud = .init(value: [audience])
        sub = .init(value: subject)
        self.roles = roles
        org = organizationID
        orgRegion = nil
        iat = .init(value: issuedAt)
        exp = .init(value: expiresAt)
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        // Audience, issuer and lifetime are checked by IdentityVerifier, which knows the receiver.
    }
}
