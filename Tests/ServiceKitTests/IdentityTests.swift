import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@Suite struct IdentityTests {
    static let note = "/api/v1/notes/0192f5a4-0000-7000-8000-000000000001"

    /// Sends `assertion` (or none) to a public route and returns the response.
    func call(_ path: String = note, assertion: @escaping @Sendable () async throws -> String?) async throws -> TestResponse {
        try await TestService.with(.sqlite) { service, _ in
            let client = service.client
            var headers = HTTPFields()
            headers[.identityAssertion] = try await assertion() // signed once the service is up: an assertion lives seconds
            return try await client.execute(uri: path, method: .get, headers: headers)
        }
    }

    func claims(
        issuer: String = IdentityAssertion.gatewayIssuer, audience: String = TestService.name,
        subject: String = "user-1", roles: [String] = ["coordinator"], issuedAt: Date = Date(), lifetime: TimeInterval = 30
    ) -> IdentityAssertion {
        IdentityAssertion(
            issuer: issuer, audience: audience, subject: subject, roles: roles, organizationID: nil,
            issuedAt: issuedAt, expiresAt: issuedAt + lifetime)
    }

    @Test func aValidGatewayAssertionIsAccepted() async throws {
        let response = try await call(assertion: { try await TestIdentities.assertion(TestIdentities.staff(), to: TestService.name) })
        #expect(response.status == .ok)
    }

    @Test func anAnonymousAssertionIsAcceptedOnPublicRoutes() async throws {
        let response = try await call(assertion: { try await TestIdentities.assertion(.anonymous, to: TestService.name) })
        #expect(response.status == .ok)
    }

    @Test func aMissingAssertionIs401() async throws {
        let response = try await call(assertion: { nil })
        #expect(response.status == .unauthorized)
        #expect(response.problem?.code == "identity_missing")
    }

    enum Forgery: String, CaseIterable {
        case expired, wrongAudience, wrongIssuer, wrongKey, algNone, tooLongLived, tamperedPayload, garbage, unknownRole
    }

    @Test(arguments: Forgery.allCases)
    func forgedOrStaleAssertionsAre401(forgery: Forgery) async throws {
        let gateway = await TestIdentities.gatewaySigner()
        let token: String
        switch forgery {
        case .expired:
            token = try await gateway.sign(claims(issuedAt: Date() - 120))
        case .wrongAudience:
            token = try await gateway.sign(claims(audience: "grants"))
        case .wrongIssuer:
            let intruder = await IdentitySigner(issuer: "intruder", privateKey: .init())
            token = try await intruder.sign(claims(issuer: "intruder"))
        case .wrongKey:
            let impostor = await IdentitySigner(issuer: IdentityAssertion.gatewayIssuer, privateKey: .init())
            token = try await impostor.sign(claims())
        case .algNone:
            let valid = try await gateway.sign(claims()).split(separator: ".")
            let header = Data(#"{"alg":"none","typ":"JWT","kid":"gateway"}"#.utf8).base64URLEncodedString()
            token = "\(header).\(valid[1])."
        case .tooLongLived:
            token = try await gateway.sign(claims(lifetime: 3600))
        case .tamperedPayload:
            var parts = try await gateway.sign(claims(roles: ["verifier"])).split(separator: ".").map(String.init)
            let payload = String(decoding: Data(base64URLEncoded: parts[1])!, as: UTF8.self)
                .replacingOccurrences(of: "verifier", with: "admin")
            parts[1] = Data(payload.utf8).base64URLEncodedString()
            token = parts.joined(separator: ".")
        case .garbage:
            token = "not-a-jwt"
        case .unknownRole:
            token = try await gateway.sign(claims(roles: ["overlord"]))
        }
        let response = try await call(assertion: { token })
        #expect(response.status == .unauthorized)
        #expect(response.problem?.code == "identity_invalid")
    }

    @Test func assertionTimesAreSecondsSince1970AsInEveryJWT() async throws {
        let now = Date()
        let token = try await TestIdentities.assertion(TestIdentities.staff([.admin]), to: TestService.name)
        var payload = String(token.split(separator: ".")[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        let data = try #require(Data(base64Encoded: payload))
        let claims = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expiresAt = try #require(claims["exp"] as? Double)
        #expect(abs(expiresAt - now.timeIntervalSince1970) < 120)
    }

    @Test func anAssertionIsReusedForTheSameCallerOnlyWhileMostOfItsLifetimeIsLeft() async throws {
        let signer = await TestIdentities.gatewaySigner()
        let staff = TestIdentities.staff([.admin])
        let now = Date()
        let first = try await signer.assertion(for: staff, audience: TestService.name, clientKey: "k1", now: now)
        #expect(try await signer.assertion(for: staff, audience: TestService.name, clientKey: "k1", now: now + 5) == first)
        #expect(try await signer.assertion(for: staff, audience: TestService.name, clientKey: "k2", now: now + 5) != first)
        #expect(try await signer.assertion(for: staff, audience: "grants", clientKey: "k1", now: now + 5) != first)
        #expect(try await signer.assertion(for: .anonymous, audience: TestService.name, clientKey: "k1", now: now + 5) != first)
        #expect(try await signer.assertion(for: staff, audience: TestService.name, clientKey: "k1", now: now + 11) != first)
    }

    @Test func aServiceCannotPoseAsStaff() async throws {
        // The service signs with its own (trusted) key but claims roles, as a compromised service might.
        let grants = await TestIdentities.serviceSigner("grants")
        let token = try await grants.sign(claims(issuer: "grants", subject: "grants", roles: ["admin"]))
        #expect(try await call(assertion: { token }).status == .unauthorized)
        // Nor vouch for a client, which would let it spend another client's throttling allowance.
        var withClient = claims(issuer: "grants", subject: "grants", roles: [])
        withClient.client = "k1"
        let vouching = withClient
        #expect(try await call("/internal/ping", assertion: { try await grants.sign(vouching) }).status == .unauthorized)
        await #expect(throws: IdentitySigningError.self) {
            try await grants.assertion(for: TestIdentities.staff([.admin]), audience: TestService.name)
        }
    }

    @Test func serviceIdentitiesAreRefusedOnPublicRoutes() async throws {
        let response = try await call(assertion: {
            try await TestIdentities.serviceSigner("grants").assertion(for: .service("grants"), audience: TestService.name)
        })
        #expect(response.status == .forbidden)
        #expect(response.problem?.code == "caller_not_allowed")
    }

    @Test func internalRoutesAdmitOnlyTheirAllowedCallers() async throws {
        let allowedResponse = try await call("/internal/ping") {
            try await TestIdentities.serviceSigner("grants").assertion(for: .service("grants"), audience: TestService.name)
        }
        #expect(allowedResponse.status == .ok)
        #expect(allowedResponse.json?["caller"] as? String == "grants")

        let other = try await call("/internal/ping") {
            try await TestIdentities.serviceSigner("knowledge").assertion(for: .service("knowledge"), audience: TestService.name)
        }
        #expect(other.status == .forbidden)
        let staff = try await call("/internal/ping") { try await TestIdentities.assertion(TestIdentities.staff([.admin]), to: TestService.name) }
        #expect(staff.status == .forbidden)
    }

    @Test func operationalRoutesNeedNoIdentity() async throws {
        for path in ["/health", "/ready", "/metrics"] {
            #expect(try await call(path, assertion: { nil }).status == .ok)
        }
    }
}
