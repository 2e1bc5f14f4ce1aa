import Foundation
import HTTPTypes
import Hummingbird
import Persistence
import ServiceKit

/// `/api/v1/auth`: sign in, refresh, sign out, and who am I.
///
/// Passwords are checked by ``PasswordSignIn``. Responses carrying tokens are marked `no-store`.
struct AuthController {
    let users: UserRepository
    let organizations: OrganizationRepository
    let tokens: AccessTokens
    let refreshTokens: RefreshTokenRepository
    let signIn: PasswordSignIn
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
        let (user, organization) = try await signIn.authenticate(email: credentials.email, password: credentials.password, client: context.clientKey)
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
