import Crypto
import Foundation
import JWTKit
import Models

/// Verifies identity assertions addressed to one service.
///
/// Each issuer has its own key collection, so an assertion is checked against the key of the issuer it
/// names: a service's key can never validate an assertion claiming to come from the gateway.
public struct IdentityVerifier: Sendable {
    /// The service the assertions must be addressed to.
    public let audience: String
    private let keysByIssuer: [String: Curve25519.Signing.PublicKey]
    /// Assertions already verified, until they expire: the gateway reuses an assertion for a caller's
    /// requests for a few seconds, and an Ed25519 check is most of a small request's cost.
    private let verified = ExpiringCache<String, VerifiedAssertion>()

    private struct VerifiedAssertion: Sendable {
        let identity: Identity
        let clientKey: String?
    }

    /// Creates a verifier that trusts the gateway's key and the keys of the named calling services.
    public init(
        audience: String,
        gatewayKey: Curve25519.Signing.PublicKey,
        serviceKeys: [String: Curve25519.Signing.PublicKey] = [:]
    ) async {
        self.audience = audience
        keysByIssuer = serviceKeys.merging([IdentityAssertion.gatewayIssuer: gatewayKey]) { _, gateway in gateway }
    }

    /// The identity an assertion vouches for, and the client key the gateway put in it.
    ///
    /// - Throws: ``IdentityVerificationError`` naming what is wrong, for logs; clients get a plain 401.
    public func verify(_ token: String, now: Date = Date()) throws(IdentityVerificationError) -> (identity: Identity, clientKey: String?) {
        if let hit = verified.value(for: token, now: now) { return (hit.identity, hit.clientKey) }
        let (assertion, expiresAt) = try check(token, now: now)
        verified.store(assertion, for: token, until: expiresAt)
        return (assertion.identity, assertion.clientKey)
    }

    private func check(_ token: String, now: Date) throws(IdentityVerificationError) -> (VerifiedAssertion, expiresAt: Date) {
        guard token.utf8.count <= 4096 else { throw .malformed }
        guard let claims = CompactJWT.unverifiedClaims(token, as: IdentityAssertion.self) else { throw .malformed }
        guard let key = keysByIssuer[claims.iss.value] else { throw .unknownIssuer }
        guard CompactJWT.hasValidSignature(token, key: key) else { throw .badSignature }
        guard claims.aud.value == [audience] else { throw .wrongAudience }
        let issuedAt = claims.iat.value
        let expiresAt = claims.exp.value
        guard expiresAt > now else { throw .expired }
        guard issuedAt <= now + IdentityAssertion.clockSkew,
            expiresAt.timeIntervalSince(issuedAt) <= IdentityAssertion.maximumLifetime
        else { throw .lifetimeTooLong }

        if claims.iss.value != IdentityAssertion.gatewayIssuer {
            guard claims.sub.value == claims.iss.value, claims.roles.isEmpty, claims.org == nil, claims.orgRegion == nil,
                claims.client == nil
            else { throw .serviceImpersonation }
            return (VerifiedAssertion(identity: .service(claims.iss.value), clientKey: nil), expiresAt)
        }
        guard claims.client.map({ $0.utf8.count <= 64 }) ?? true else { throw .malformed }
        // The gateway calling as itself (indicators for its dashboards): no person's subject is "gateway".
        if claims.sub.value == IdentityAssertion.gatewayIssuer {
            guard claims.roles.isEmpty, claims.org == nil, claims.orgRegion == nil else { throw .serviceImpersonation }
            return (VerifiedAssertion(identity: .service(IdentityAssertion.gatewayIssuer), clientKey: nil), expiresAt)
        }
        if claims.sub.value == IdentityAssertion.anonymousSubject {
            return (VerifiedAssertion(identity: .anonymous, clientKey: claims.client), expiresAt)
        }
        var roles = Set<Role>()
        for raw in claims.roles {
            guard let role = Role(rawValue: raw) else { throw .unknownRole }
            roles.insert(role)
        }
        let principal = Principal(subject: claims.sub.value, roles: roles, organizationID: claims.org, organizationRegion: claims.orgRegion)
        return (VerifiedAssertion(identity: .principal(principal), clientKey: claims.client), expiresAt)
    }
}

/// Why an identity assertion was refused. Logged (it says nothing about the person); never sent to clients.
public enum IdentityVerificationError: Error, Equatable, Sendable {
    case malformed
    case unknownIssuer
    case badSignature
    case wrongAudience
    case expired
    case lifetimeTooLong
    case serviceImpersonation
    case unknownRole
}
