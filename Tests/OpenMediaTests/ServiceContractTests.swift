import Crypto
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import OpenMediaKit
import Persistence
import ServiceKit
import TestSupport
import Testing

/// What every service promises, checked on each: operational routes, migrations, and identity checks.
@Suite struct ServiceContractTests {
    static let backendNames = OpenMediaPlatform.backends.map(\.name)

    static func definition(named name: String) -> ServiceDefinition {
        (OpenMediaPlatform.backends + [GatewayService.definition]).first { $0.name == name }!
    }

    func withService<Result>(
        _ name: String, kind: DatabaseKind = .sqlite, _ body: @Sendable (any TestClientProtocol) async throws -> Result
    ) async throws -> Result {
        try await ServiceHarness.run(Self.definition(named: name), on: kind) { try await body($0.client) }
    }

    @Test(arguments: backendNames + ["gateway"], TestDatabases.kinds)
    func everyServiceMigratesAndAnswersHealthReadyAndMetrics(service: String, kind: DatabaseKind) async throws {
        let statuses = try await withService(service, kind: kind) { client in
            try await ["/health", "/ready", "/metrics"].asyncMap { try await client.execute(uri: $0, method: .get).status }
        }
        // The gateway's port is public: it serves its metrics only on a port of their own (GatewayTests.SlowClientTests).
        let metrics: HTTPResponse.Status = service == "gateway" ? .notFound : .ok
        #expect(statuses == [.ok, .ok, metrics])
    }

    enum Assertion: String, CaseIterable {
        case missing, expired, wrongAudience, wrongIssuer, wrongKey, algNone
    }

    @Test(arguments: backendNames, Assertion.allCases)
    func everyServiceRefusesRequestsWithoutAValidAssertion(service: String, assertion: Assertion) async throws {
        let token = try await Self.token(assertion, to: service)
        let response = try await withService(service) { client in
            var headers = HTTPFields()
            headers[HTTPField.Name(IdentityAssertion.headerName)!] = token
            return try await client.execute(uri: "/api/v1/anything", method: .get, headers: headers)
        }
        #expect(response.status == .unauthorized)
        let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.readableBytesView))
        #expect(problem.code == (assertion == .missing ? "identity_missing" : "identity_invalid"))
    }

    @Test(arguments: backendNames)
    func everyServiceAcceptsAValidAssertion(service: String) async throws {
        let response = try await withService(service) { client in
            // Signed once the service is up: an assertion lives seconds, and a start on a busy machine can take longer.
            var headers = HTTPFields()
            headers[HTTPField.Name(IdentityAssertion.headerName)!] = try await TestIdentities.assertion(TestIdentities.staff(), to: service)
            return try await client.execute(uri: "/api/v1/anything", method: .get, headers: headers)
        }
        // Past the identity check; no domain route exists at this path.
        #expect(response.status == .notFound)
    }

    static func token(_ assertion: Assertion, to service: String) async throws -> String? {
        let now = Date()
        func claims(issuer: String = "gateway", audience: String = service, issuedAt: Date = now) -> IdentityAssertion {
            IdentityAssertion(
                issuer: issuer, audience: audience, subject: "user", roles: ["admin"], organizationID: nil,
                issuedAt: issuedAt, expiresAt: issuedAt + 30)
        }
        switch assertion {
        case .missing:
            return nil
        case .expired:
            return try await TestIdentities.gatewaySigner().sign(claims(issuedAt: now - 300))
        case .wrongAudience:
            return try await TestIdentities.gatewaySigner().sign(claims(audience: service == "grants" ? "appeals" : "grants"))
        case .wrongIssuer:
            return try await IdentitySigner(issuer: "elsewhere", privateKey: .init()).sign(claims(issuer: "elsewhere"))
        case .wrongKey:
            return try await IdentitySigner(issuer: "gateway", privateKey: .init()).sign(claims())
        case .algNone:
            let valid = try await TestIdentities.gatewaySigner().sign(claims()).split(separator: ".")
            return "\(Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URLEncodedString()).\(valid[1])."
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self {
            results.append(try await transform(element))
        }
        return results
    }
}
