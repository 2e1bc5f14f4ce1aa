import Crypto
import Foundation
import JWTKit
import Models
import Persistence
import ServiceKit
import Synchronization

/// Issues and verifies access tokens: Ed25519-signed JWTs with a short lifetime, sent as
/// `Authorization: Bearer …`.
///
/// Verified tokens are cached until they expire, so a signed-in client's requests cost a dictionary
/// lookup instead of a signature check each time.
final class AccessTokens: Sendable {
    /// The audience of access tokens; identity assertions carry a service's name instead, so neither
    /// kind of token is accepted in place of the other.
    static let audience = "openmedia-api"
    static let cacheCapacity = 10_000

    struct Claims: JWTPayload {
        var iss: IssuerClaim
        var aud: AudienceClaim
        var sub: SubjectClaim
        var roles: [String]
        var org: UUID?
        var orgRegion: Region?
        var iat: IssuedAtClaim
        var exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
            try aud.verifyIntendedAudience(includes: AccessTokens.audience)
            guard iss.value == IdentityAssertion.gatewayIssuer else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer") }
        }
    }

    let lifetime: TimeInterval
    private let keys: JWTKeyCollection
    private let cache = Mutex([String: (principal: Principal, expiresAt: Date)]())
    /// Subjects disabled in this process, refused until their tokens would have expired anyway.
    private let revokedSubjects = Mutex([String: Date]())

    init(privateKey: Curve25519.Signing.PrivateKey, lifetime: TimeInterval) async {
        self.lifetime = lifetime
        keys = JWTKeyCollection()
        await keys.add(eddsa: EdDSA.PrivateKey(backing: privateKey), kid: "gateway")
    }

    /// A new access token for `user`, a member of an organisation in `organizationRegion` (if any).
    func issue(for user: User, organizationRegion: Region?, now: Date = Date()) async throws -> String {
        let claims = Claims(
            iss: .init(value: IdentityAssertion.gatewayIssuer), aud: .init(value: [Self.audience]), sub: .init(value: user.id.text),
            roles: user.roles.map(\.rawValue).sorted(), org: user.organizationID, orgRegion: organizationRegion,
            iat: .init(value: now), exp: .init(value: now + lifetime)
        )
        return try await keys.sign(claims, kid: "gateway")
    }

    /// The principal a token vouches for, or `nil` when it is invalid, expired or revoked.
    func principal(fromToken token: String, now: Date = Date()) async -> Principal? {
        if let cached = cache.withLock({ $0[token] }), cached.expiresAt > now {
            return isRevoked(cached.principal.subject, now: now) ? nil : cached.principal
        }
        guard token.utf8.count <= 4096, let claims = try? await keys.verify(token, as: Claims.self) else { return nil }
        var roles = Set<Role>()
        for raw in claims.roles {
            guard let role = Role(rawValue: raw) else { return nil }
            roles.insert(role)
        }
        let principal = Principal(subject: claims.sub.value, roles: roles, organizationID: claims.org, organizationRegion: claims.orgRegion)
        guard !isRevoked(principal.subject, now: now) else { return nil }
        cache.withLock { cache in
            if cache.count >= Self.cacheCapacity {
                cache = cache.filter { $0.value.expiresAt > now }
                if cache.count >= Self.cacheCapacity { cache.removeAll(keepingCapacity: true) }
            }
            cache[token] = (principal, claims.exp.value)
        }
        return principal
    }

    /// Refuses every outstanding token of `subject` in this process (a disabled user).
    func revoke(subject: String, now: Date = Date()) {
        revokedSubjects.withLock { $0[subject] = now + lifetime }
    }

    /// Lets `subject`'s new tokens through again (a re-enabled user).
    func restore(subject: String) {
        revokedSubjects.withLock { _ = $0.removeValue(forKey: subject) }
    }

    private func isRevoked(_ subject: String, now: Date) -> Bool {
        revokedSubjects.withLock { revoked in
            guard let until = revoked[subject] else { return false }
            if until > now { return true }
            revoked[subject] = nil
            return false
        }
    }
}
