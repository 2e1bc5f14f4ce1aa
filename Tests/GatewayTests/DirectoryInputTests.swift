import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

/// The directory's inputs check themselves with the kit's field rules: names are bounded in characters, as
/// the OpenAPI document's `maxLength` says (a character may carry only a few combining marks), and query
/// filters name the codes they accept.
@Suite struct DirectoryInputTests {
    /// One visible letter under 40 combining accents: one `Character`, but 81 bytes of text.
    static let smeared = "a" + String(repeating: "\u{0301}", count: 40)

    static func problem(_ response: TestResponse) throws -> Problem {
        try JSONDecoder().decode(Problem.self, from: Data(response.body.readableBytesView))
    }

    @Test(arguments: TestDatabases.kinds)
    func namesSmearedWithCombiningMarksAreRefused(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let user = try await gateway.send(
                .post, "/api/v1/users", token: admin,
                json: GatewayHarness.object([
                    "email": "smeared@example.org", "displayName": Self.smeared, "password": "a long enough password", "roles": ["verifier"],
                ]))
            #expect(user.status == .unprocessableContent)
            #expect(try Self.problem(user).errors?.keys.sorted() == ["displayName"])

            let organization = try await gateway.send(
                .post, "/api/v1/organizations", token: admin,
                json: GatewayHarness.object(["type": "cso", "name": ["ru": "Центр", "en": Self.smeared]]))
            #expect(try Self.problem(organization).errors?.keys.sorted() == ["name.en"])

            let cso = try await gateway.createOrganization(token: admin)
            let key = try await gateway.send(
                .post, "/api/v1/api-keys", token: admin,
                json: GatewayHarness.object([
                    "organizationId": cso.uuidString, "name": Self.smeared, "scopes": ["appeals:read"],
                ]))
            #expect(try Self.problem(key).errors?.keys.sorted() == ["name"])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func longKyrgyzAndRussianNamesKeepTheLengthTheyHad(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            // 200 characters, whatever their script: 200 Cyrillic letters fit, 201 Latin ones do not.
            let name = String(repeating: "ө", count: 200)
            let user = try await gateway.send(
                .post, "/api/v1/users", token: admin,
                json: GatewayHarness.object([
                    "email": "long@example.org", "displayName": name, "password": "a long enough password", "roles": ["verifier"],
                ]))
            #expect(user.status == .created)
            let tooLong = try await gateway.send(
                .post, "/api/v1/users", token: admin,
                json: GatewayHarness.object([
                    "email": "longer@example.org", "displayName": name + "ө", "password": "a long enough password", "roles": ["verifier"],
                ]))
            #expect(try Self.problem(tooLong).errors == ["displayName": User.displayNameLimit.sizeRule])
            let latin = try await gateway.send(
                .post, "/api/v1/users", token: admin,
                json: GatewayHarness.object([
                    "email": "latin@example.org", "displayName": String(repeating: "a", count: 201), "password": "a long enough password",
                    "roles": ["verifier"],
                ]))
            #expect(try Self.problem(latin).errors == ["displayName": "must be at most 200 characters"])
        }
    }

    @Test func anUnknownRegionFilterNamesTheAcceptedCodes() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let response = try await gateway.send(.get, "/api/v1/organizations?regionCode=KG-X", token: admin)
            #expect(response.status == .badRequest)
            let problem = try Self.problem(response)
            #expect(problem.code == "invalid_query")
            #expect(problem.errors == ["regionCode": "regionCode must be one of \(Region.acceptedCodes)"])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func auditEntriesNameTheirTargetsFromTheClosedList(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let cso = try await gateway.createOrganization(token: admin)
            _ = try await gateway.send(
                .post, "/api/v1/api-keys", token: admin,
                json: GatewayHarness.object([
                    "organizationId": cso.uuidString, "name": "Partner", "scopes": ["appeals:read", "appeals:read"],
                ]))
            let entries = try await gateway.auditEntries(adminToken: admin)
            let targets = Set(entries.compactMap(\.targetType).map(Gateway.AuditEntry.TargetType.init(rawValue:)))
            #expect(targets == [.user, .organization, .apiKey])
        }
    }
}
