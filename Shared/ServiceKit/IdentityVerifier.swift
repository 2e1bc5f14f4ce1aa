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
        guard token.utf8.count <= 4096 else { throw .malformed }
        guard let claims = CompactJWT.unverifiedClaims(token, as: IdentityAssertion.self) else { throw .malformed }
        guard let key = keysByIssuer[claims.iss.value] else { throw .unknownIssuer }
        guard CompactJWT.hasValidSignature(token, key: key) else { throw .badSignature }
        guard claims.aud.value == [audience] else { throw .wrongAudience }
        let issuedAt = claims.iat.value, expiresAt = claims.exp.value
        guard expiresAt > now else { throw .expired }
        guard issuedAt <= now + IdentityAssertion.clockSkew,
              expiresAt.timeIntervalSince(issuedAt) <= IdentityAssertion.maximumLifetime
        else { throw .lifetimeTooLong }

        if claims.iss.value != IdentityAssertion.gatewayIssuer {
            guard claims.sub.value == claims.iss.value, claims.roles.isEmpty, claims.org == nil, claims.orgRegion == nil,
                  claims.client == nil
            else { throw .serviceImpersonation }
            return (.service(claims.iss.value), nil)
        }
        guard claims.client.map({ $0.utf8.count <= 64 }) ?? true else { throw .malformed }
        if claims.sub.value == IdentityAssertion.anonymousSubject {
            return (.anonymous, claims.client)
        }
        var roles = Set<Role>()
        for raw in claims.roles {
            guard let role = Role(rawValue: raw) else { throw .unknownRole }
            roles.insert(role)
        }
        let principal = Principal(subject: claims.sub.value, roles: roles, organizationID: claims.org, organizationRegion: claims.orgRegion)
        return (.principal(principal), claims.client)
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
