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
/// lookup instead of a signature check each time. A token also carries its user's session version
/// (`ver`), which ``SessionVersions`` checks against the user on each request.
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
        /// The user's session version at issue; a token without one is refused.
        var ver: Int
        var iat: IssuedAtClaim
        var exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
            try aud.verifyIntendedAudience(includes: AccessTokens.audience)
            guard iss.value == IdentityAssertion.gatewayIssuer else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer") }
        }
    }

    /// What a valid token vouches for.
    struct Verified: Sendable {
        var principal: Principal
        var userID: UUID
        var sessionVersion: Int
    }

    let lifetime: TimeInterval
    private let keys: JWTKeyCollection
    private let cache = Mutex([String: (token: Verified, expiresAt: Date)]())

    init(privateKey: Curve25519.Signing.PrivateKey, lifetime: TimeInterval) async {
        self.lifetime = lifetime
        keys = JWTKeyCollection()
        await keys.add(eddsa: EdDSA.PrivateKey(backing: privateKey), kid: "gateway")
    }

    /// A new access token for `user`, a member of an organisation in `organizationRegion` (if any).
    func issue(for user: User, organizationRegion: Region?, now: Date = Date()) async throws -> String {
        let claims = Claims(
            iss: .init(value: IdentityAssertion.gatewayIssuer), aud: .init(value: [Self.audience]), sub: .init(value: user.id.text),
            roles: user.roles.map(\.rawValue).sorted(), org: user.organizationID, orgRegion: organizationRegion, ver: user.sessionVersion,
            iat: .init(value: now), exp: .init(value: now + lifetime)
        )
        return try await keys.sign(claims, kid: "gateway")
    }

    /// What a token vouches for, or `nil` when it is invalid or expired. Whether its session is still
    /// current is ``SessionVersions``' to say.
    func verify(_ token: String, now: Date = Date()) async -> Verified? {
        if let cached = cache.withLock({ $0[token] }), cached.expiresAt > now { return cached.token }
        guard token.utf8.count <= 4096, let claims = try? await keys.verify(token, as: Claims.self),
            let userID = UUID(uuidString: claims.sub.value)
        else { return nil }
        var roles = Set<Role>()
        for raw in claims.roles {
            guard let role = Role(rawValue: raw) else { return nil }
            roles.insert(role)
        }
        let principal = Principal(subject: claims.sub.value, roles: roles, organizationID: claims.org, organizationRegion: claims.orgRegion)
        let verified = Verified(principal: principal, userID: userID, sessionVersion: claims.ver)
        cache.withLock { cache in
            if cache.count >= Self.cacheCapacity {
                cache = cache.filter { $0.value.expiresAt > now }
                if cache.count >= Self.cacheCapacity { cache.removeAll(keepingCapacity: true) }
            }
            cache[token] = (verified, claims.exp.value)
        }
        return verified
    }
}
