import Foundation
import HTTPTypes
import Hummingbird
import Persistence
import ServiceKit

/// `/api/v1/auth`: sign in, refresh, sign out, and who am I.
///
/// Failed sign-ins answer identically whether the email is unknown, the password wrong or the account
/// (or its organisation) disabled, and take as long, so the answer reveals nothing about which accounts
/// exist. Responses carrying tokens are marked `no-store`.
struct AuthController {
    let users: UserRepository
    let organizations: OrganizationRepository
    let tokens: AccessTokens
    let refreshTokens: RefreshTokenRepository
    let hasher: PasswordHasher
    let throttle: SignInThrottle
    let audit: AuditRepository

    func register(on router: ServiceRouter) {
        let group = router.group("/api/v1/auth")
        group.post("login", use: login)
        group.post("refresh", use: refresh)
        group.post("logout", use: logout)
        group.get("me", use: me)
    }

    struct Credentials: Decodable {
        let email: String
        let password: String

        /// The longest password a sign-in reads: far above any password that can be set (``PasswordHasher/maximumBytes``),
        /// so that passwords set before that rule still work, and low enough that no one hashes a megabyte.
        static let maxPasswordBytes = 1024

        /// Whether the credentials could name an account at all; others are refused like a wrong password.
        var isPlausible: Bool {
            email.utf8.count <= EmailAddress.maxBytes && password.utf8.count <= Self.maxPasswordBytes
        }
    }

    struct Session: Encodable {
        let accessToken: String
        let refreshToken: String
        let tokenType = "Bearer"
        let expiresIn: Int
        let user: User.Representation

        init(user: User, organization: Organization?, refreshToken: String, tokens: AccessTokens) async throws {
            accessToken = try await tokens.issue(for: user, organizationRegion: organization?.regionCode)
            self.refreshToken = refreshToken
            expiresIn = Int(tokens.lifetime)
            self.user = user.representation
        }
    }

    @Sendable func login(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let credentials = try await request.decodeJSON(as: Credentials.self, context: context)
        guard credentials.isPlausible else { throw ServiceError.invalidCredentials }
        let email = EmailAddress.normalized(credentials.email)
        if let seconds = throttle.retryAfter(email: email, client: context.clientKey) {
            throw ServiceError.tooManySignInAttempts(retryAfterSeconds: seconds)
        }
        let user = try await users.find(email: email)
        let passwordMatches = try await hasher.verify(credentials.password, against: user?.passwordHash ?? hasher.decoyHash)
        // Only after the right password, so that the extra query tells a guesser nothing about which emails exist.
        let organization = passwordMatches ? try await user?.organizationID.asyncFlatMap { try await organizations.find($0) } : nil
        guard let user, passwordMatches, !user.isDisabled, organization?.isDisabled != true else {
            throttle.recordFailure(email: email, client: context.clientKey)
            try await audit.record(
                .signInFailed, by: IdentityAssertion.anonymousSubject, target: .user, id: user?.id.text,
                details: ["reason": SignInFailure(user: user, passwordMatches: passwordMatches).rawValue])
            throw ServiceError.invalidCredentials
        }
        throttle.recordSuccess(email: email, client: context.clientKey)
        let refreshToken = try await users.database.transaction { [refreshTokens, audit] session in
            let token = try await refreshTokens.start(for: user.id, on: session)
            try await audit.record(.signIn, by: user.id.text, target: .user, id: user.id.text, on: session)
            return token
        }
        return try await .secret(Session(user: user, organization: organization, refreshToken: refreshToken, tokens: tokens))
    }

    struct RefreshRequest: Decodable {
        let refreshToken: String
    }

    @Sendable func refresh(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        switch try await refreshTokens.rotate(body.refreshToken) {
        case .invalid:
            throw ServiceError.invalidRefreshToken
        case .reused(let userID):
            try await audit.record(.refreshReuse, by: userID.text, target: .user, id: userID.text)
            throw ServiceError.invalidRefreshToken
        case .rotated(let token, let userID):
            guard let user = try await users.find(userID), !user.isDisabled else { throw ServiceError.invalidRefreshToken }
            let organization = try await user.organizationID.asyncFlatMap { try await organizations.find($0) }
            guard organization?.isDisabled != true else { throw ServiceError.invalidRefreshToken }
            return try await .secret(Session(user: user, organization: organization, refreshToken: token, tokens: tokens))
        }
    }

    @Sendable func logout(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        try await refreshTokens.revokeFamily(of: body.refreshToken)
        return .noContent
    }

    @Sendable func me(_ request: Request, context: ServiceRequestContext) async throws -> User.Representation {
        let principal = try context.requirePrincipal()
        guard !principal.isAPIKey, let id = UUID(uuidString: principal.subject), let user = try await users.find(id) else {
            throw ServiceError.forbidden
        }
        return user.representation
    }
}

extension User.Representation: ResponseEncodable {}

extension Optional {
    func asyncFlatMap<Other>(_ transform: (Wrapped) async throws -> Other?) async rethrows -> Other? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
