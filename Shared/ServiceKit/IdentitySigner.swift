import Crypto
import Foundation
import JWTKit
import Models

/// Signs identity assertions with one service's (or the gateway's) Ed25519 key.
public struct IdentitySigner: Sendable {
    /// The issuer name written into every assertion: `gateway` or this service's name.
    public let issuer: String
    private let privateKey: Curve25519.Signing.PrivateKey
    /// Assertions already signed, reused for the same caller, audience and client while at least two
    /// thirds of their lifetime is left: receivers then verify each one once (see ``IdentityVerifier``).
    private let signed = ExpiringCache<SignedFor, (token: String, issuedAt: Date)>()

    /// Creates a signer that signs as `issuer` with `privateKey`.
    public init(issuer: String, privateKey: Curve25519.Signing.PrivateKey) async {
        self.issuer = issuer
        self.privateKey = privateKey
    }

    /// An assertion that `identity` is calling `audience`, valid for `lifetime` seconds; the gateway
    /// adds the client's key.
    ///
    /// Only the gateway may vouch for people and the public; a service asserts only itself, so a
    /// compromised service cannot mint a staff identity that receivers would accept.
    public func assertion(
        for identity: Identity, audience: String, clientKey: String? = nil, lifetime: TimeInterval = 30, now: Date = Date()
    ) async throws -> String {
        let cacheKey = SignedFor(identity: identity, audience: audience, clientKey: clientKey, lifetime: lifetime)
        if let cached = signed.value(for: cacheKey, now: now), cached.issuedAt <= now { return cached.token }
        var claims: IdentityAssertion
        switch identity {
        case .anonymous where issuer == IdentityAssertion.gatewayIssuer:
            claims = .init(
                issuer: issuer, audience: audience, subject: IdentityAssertion.anonymousSubject,
                roles: [], organizationID: nil, issuedAt: now, expiresAt: now + lifetime)
        case .principal(let principal) where issuer == IdentityAssertion.gatewayIssuer:
            var principalClaims = IdentityAssertion(
                issuer: issuer, audience: audience, subject: principal.subject, roles: principal.roles.map(\.rawValue).sorted(),
                organizationID: principal.organizationID, issuedAt: now, expiresAt: now + lifetime
            )
            principalClaims.orgRegion = principal.organizationRegion
            claims = principalClaims
        case .service(let name) where name == issuer:
            claims = .init(
                issuer: issuer, audience: audience, subject: issuer, roles: [], organizationID: nil,
                issuedAt: now, expiresAt: now + lifetime)
        default:
            throw IdentitySigningError.cannotVouch(issuer: issuer)
        }
        if issuer == IdentityAssertion.gatewayIssuer { claims.client = clientKey }
        let token = try await sign(claims)
        signed.store((token, now), for: cacheKey, until: now + lifetime / 3)
        return token
    }

    /// What an assertion was signed for: reused only for exactly the same.
    private struct SignedFor: Hashable, Sendable {
        let identity: Identity
        let audience: String
        let clientKey: String?
        let lifetime: TimeInterval
    }

    /// A secret key for `purpose`, derived from the signing key: the same on every replica that shares
    /// the key, and unrelated to it (HKDF).
    public func derivedKey(for purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: privateKey.rawRepresentation),
            info: Data(purpose.utf8), outputByteCount: 32)
    }

    /// Signs arbitrary claims; tests use it to forge expired or misdirected assertions.
    public func sign(_ claims: IdentityAssertion) async throws -> String {
        try CompactJWT.sign(claims, kid: issuer, with: privateKey)
    }
}

/// A signer was asked to vouch for an identity it has no authority over.
public enum IdentitySigningError: Error, CustomStringConvertible {
    /// Only the gateway vouches for people; a service vouches only for itself.
    case cannotVouch(issuer: String)

    public var description: String {
        switch self {
        case .cannotVouch(let issuer): "\(issuer) may only assert its own identity"
        }
    }
}
