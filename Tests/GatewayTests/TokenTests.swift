import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import JWTKit
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

@Suite struct TokenTests {
    enum Forgery: String, CaseIterable {
        case expired, wrongKey, algNone, wrongAudience, tamperedPayload, identityAssertion
    }

    /// A token for the bootstrap admin, forged as `forgery` says.
    static func forge(_ forgery: Forgery, validToken: String) async throws -> String {
        let gatewayKey = TestIdentities.gatewayKey
        let now = Date()
        func claims(audience: String = AccessTokens.audience, issuedAt: Date = now) -> AccessTokens.Claims {
            .init(
                iss: .init(value: "gateway"), aud: .init(value: [audience]), sub: .init(value: UUID().uuidString.lowercased()),
                roles: ["admin"], org: nil, ver: 1, iat: .init(value: issuedAt), exp: .init(value: issuedAt + 900))
        }
        func sign(_ claims: AccessTokens.Claims, with key: Curve25519.Signing.PrivateKey) async throws -> String {
            let keys = JWTKeyCollection()
            await keys.add(eddsa: EdDSA.PrivateKey(backing: key), kid: "gateway")
            return try await keys.sign(claims, kid: "gateway")
        }
        switch forgery {
        case .expired:
            return try await sign(claims(issuedAt: now - 3600), with: gatewayKey)
        case .wrongKey:
            return try await sign(claims(), with: .init())
        case .algNone:
            let parts = validToken.split(separator: ".")
            return "\(Data(#"{"alg":"none","typ":"JWT","kid":"gateway"}"#.utf8).base64URLEncodedString()).\(parts[1])."
        case .wrongAudience:
            return try await sign(claims(audience: "appeals"), with: gatewayKey)
        case .tamperedPayload:
            var parts = validToken.split(separator: ".").map(String.init)
            var payload = try JSONSerialization.jsonObject(with: Data(base64URLEncoded: parts[1])!) as! [String: Any]
            payload["roles"] = ["admin", "coordinator"]
            parts[1] = try JSONSerialization.data(withJSONObject: payload).base64URLEncodedString()
            return parts.joined(separator: ".")
        case .identityAssertion:
            // An assertion the gateway signed for a service is not an access token.
            return try await IdentitySigner(issuer: "gateway", privateKey: gatewayKey)
                .assertion(for: .principal(Principal(subject: "x", roles: [.admin])), audience: "appeals")
        }
    }

    @Test(arguments: Forgery.allCases)
    func forgedOrExpiredAccessTokensAre401(forgery: Forgery) async throws {
        try await GatewayHarness.with { gateway in
            let valid = try await gateway.adminToken()
            #expect(try await gateway.send(.get, "/api/v1/users", token: valid).status == .ok)
            let forged = try await Self.forge(forgery, validToken: valid)
            let response = try await gateway.send(.get, "/api/v1/users", token: forged)
            #expect(response.status == .unauthorized)
            #expect(response.problemCode == "invalid_token")
            #expect(response.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
        }
    }

    @Test func reusingARotatedRefreshTokenRevokesTheWholeFamily() async throws {
        try await GatewayHarness.with { gateway in
            let first = try await gateway.session(TestConfiguration.adminEmail, TestConfiguration.adminPassword).refreshToken
            let rotated = try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(first)"}"#)
            let second = try rotated.decoded(as: SessionView.self).refreshToken

            // The stolen first token comes back: refused, and the legitimate successor dies with it.
            let reuse = try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(first)"}"#)
            #expect(reuse.status == .unauthorized)
            #expect(reuse.problemCode == "invalid_refresh_token")
            #expect(try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(second)"}"#).status == .unauthorized)

            let admin = try await gateway.adminToken()
            let reuses = try await gateway.auditEntries(adminToken: admin, query: "&action=auth.refresh_reuse")
            #expect(reuses.count == 1)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aDisabledUsersTokensStopWorking(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let id = try await gateway.createUser(email: "verifier@example.org", roles: [.verifier], token: admin)
            let verifier = try await gateway.session("verifier@example.org", "a long enough password")
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: verifier.accessToken).status == .ok)
            #expect(try await gateway.send(.post, "/api/v1/users/\(id)/disable", token: admin).status == .ok)
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: verifier.accessToken).status == .unauthorized)
            #expect(
                try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(verifier.refreshToken)"}"#)
                    .problemCode == "invalid_refresh_token")
            // Enabling the user again does not bring the old session back.
            #expect(try await gateway.send(.post, "/api/v1/users/\(id)/enable", token: admin).status == .ok)
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: verifier.accessToken).status == .unauthorized)
        }
    }

    @Test func anUnknownOrGarbledAPIKeyIs401() async throws {
        try await GatewayHarness.with { gateway in
            for key in ["omk_nope_nope", "garbage", String(repeating: "k", count: 500)] {
                let response = try await gateway.send(.get, "/api/v1/organizations", apiKey: key)
                #expect(response.status == .unauthorized)
                #expect(response.problemCode == "invalid_api_key")
            }
        }
    }
}
