import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

/// `GET /internal/directory/organizations`: events asks which organisation IDs exist and are enabled; no other
/// caller may, and no answer says anything about people.
@Suite struct OrganizationCheckRouteTests {
    struct Answer: Decodable {
        struct Entry: Decodable {
            let id: UUID
            let type: String
            let regionCode: String?
            let isEnabled: Bool
        }
        let items: [Entry]
    }

    static let path = "/internal/directory/organizations"

    @Test(arguments: TestDatabases.kinds)
    func eventsLearnsWhichOrganisationsExistAndAreEnabledAndNoOtherCallerMayAsk(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let council = try await gateway.createOrganization(type: "public_council", region: "KG-N", token: admin)
            let ministry = try await gateway.createOrganization(type: "state_body", token: admin)
            #expect(try await gateway.transition("/api/v1/organizations/\(ministry)", "disable", token: admin).status == .ok)
            let unknown = UUID()
            let query = "\(Self.path)?ids=\([council, ministry, unknown, council].map { $0.uuidString.lowercased() }.joined(separator: ","))"
            func ask(_ uri: String, as caller: TestIdentity?) async throws -> TestResponse {
                try await gateway.send(.get, uri, headers: try await caller?.headers(to: "gateway") ?? [:])
            }

            // Events: each organisation once, with its type, region and whether enabled; the unknown ID left out.
            let answer = try await ask(query, as: .service("events-and-hearings"))
            #expect(answer.status == .ok, "\(answer.text)")
            let items = try answer.decoded(as: Answer.self).items
            #expect(items.map(\.id) == [council, ministry])
            #expect(items.first?.type == "public_council" && items.first?.regionCode == "KG-N" && items.first?.isEnabled == true)
            #expect(items.last?.type == "state_body" && items.last?.isEnabled == false)
            #expect(!answer.text.contains("\"name\""), "names stay in the directory's own API")

            // Another service, a person vouched for by the gateway, or nobody: refused.
            #expect(try await ask(query, as: .service("broadcasts")).problemCode == "caller_not_allowed")
            #expect(try await ask(query, as: .principal([.admin])).problemCode == "caller_not_allowed")
            #expect(try await ask(query, as: nil).problemCode == "identity_missing")
            var forged = try await TestIdentity.service("events-and-hearings").headers(to: "gateway")
            forged[HTTPField.Name(IdentityAssertion.headerName)!]! += "x"
            #expect(try await gateway.send(.get, query, headers: forged).problemCode == "identity_invalid")
            // Addressed to another service: not for the gateway.
            let elsewhere = try await TestIdentity.service("events-and-hearings").headers(to: "appeals")
            #expect(try await gateway.send(.get, query, headers: elsewhere).problemCode == "identity_invalid")

            // Bounds: 1 to 50 UUIDs.
            let fifty = (0..<50).map { _ in UUID().uuidString }.joined(separator: ",")
            #expect(try await ask("\(Self.path)?ids=\(fifty)", as: .service("events-and-hearings")).status == .ok)
            for ids in ["", "not-a-uuid", "\(fifty),\(UUID().uuidString)", "\(council),"] {
                let refused = try await ask("\(Self.path)?ids=\(ids)", as: .service("events-and-hearings"))
                #expect(refused.status == .badRequest && refused.problemCode == "invalid_query", "\(ids.prefix(60)): \(refused.status)")
            }
            #expect(try await ask(Self.path, as: .service("events-and-hearings")).problemCode == "invalid_query")
        }
    }
}
