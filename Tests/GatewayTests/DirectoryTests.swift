import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import TestSupport
import Testing

@Suite struct DirectoryTests {
    @Test(arguments: TestDatabases.kinds)
    func updatesNeedTheCurrentETag(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let organization = try await gateway.createOrganization(token: admin)
            let path = "/api/v1/organizations/\(organization)"
            let read = try await gateway.send(.get, path, token: admin)
            let eTag = try #require(read.headers[.eTag])

            let withoutIfMatch = try await gateway.send(.patch, path, token: admin, json: #"{"name":{"en":"Renamed"}}"#)
            #expect(withoutIfMatch.status == .preconditionRequired)

            let first = try await gateway.send(.patch, path, token: admin, json: #"{"name":{"en":"Renamed"}}"#, headers: [.ifMatch: eTag])
            #expect(first.status == .ok)
            #expect(first.headers[.eTag] != eTag)

            // A second editor still holding the old ETag cannot overwrite the first edit.
            let stale = try await gateway.send(.patch, path, token: admin, json: #"{"name":{"en":"Clobbered"}}"#, headers: [.ifMatch: eTag])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.problemCode == "stale_version")
            let after = try await gateway.send(.get, path, token: admin)
            #expect(try after.decoded(as: OrganizationView.self).name["en"] == "Renamed")
        }
    }

    @Test func invalidOrganisationsAndUsersAreRefusedNamingTheFields() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let council = try await gateway.send(.post, "/api/v1/organizations", token: admin, json: #"{"type":"public_council","name":{"ky":"Кеңеш"}}"#)
            #expect(council.status == .unprocessableContent)
            #expect(council.problem?.errors?["regionCode"] != nil)

            let user = try await gateway.send(
                .post, "/api/v1/users", token: admin,
                json: #"{"email":"not-an-email","displayName":"","password":"short","roles":["journalist"]}"#)
            #expect(user.status == .unprocessableContent)
            let errors = user.problem?.errors ?? [:]
            #expect(Set(errors.keys) == ["email", "displayName", "password", "organizationId"])

            _ = try await gateway.createUser(email: "Twice@Example.org", roles: [.verifier], token: admin)
            let duplicate = try await gateway.send(
                .post, "/api/v1/users", token: admin,
                json: #"{"email":"twice@example.org","displayName":"T","password":"a long enough password","roles":["verifier"]}"#)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.problemCode == "email_taken")
        }
    }

    @Test func listsPageWithCursorsAndFilter() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            var created: [UUID] = []
            for region in ["KG-B", "KG-C", "KG-J"] {
                created.append(try await gateway.createOrganization(type: "public_council", region: region, token: admin))
            }
            _ = try await gateway.createOrganization(type: "cso", token: admin)

            var seen: [UUID] = []
            var cursor: String?
            repeat {
                let page = try await gateway.send(
                    .get, "/api/v1/organizations?type=public_council&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                let listing = try page.decoded(as: Listing<OrganizationView>.self)
                seen += listing.items.map(\.id)
                cursor = listing.nextCursor
            } while cursor != nil
            #expect(seen == created)

            #expect(try await gateway.send(.get, "/api/v1/organizations?limit=500", token: admin).problemCode == "invalid_query")
            #expect(try await gateway.send(.get, "/api/v1/organizations?regionCode=KG-X", token: admin).problemCode == "invalid_query")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theAuditLogRecordsEachAuditedActionExactlyOnce(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            _ = try await gateway.login(TestConfiguration.adminEmail, "a wrong password!")
            let organization = try await gateway.createOrganization(token: admin)
            let user = try await gateway.createUser(email: "audited@example.org", roles: [.verifier], organization: organization, token: admin)
            let read = try await gateway.send(.get, "/api/v1/users/\(user)", token: admin)
            _ = try await gateway.send(
                .patch, "/api/v1/users/\(user)", token: admin, json: #"{"roles":["verifier","legal_expert"]}"#,
                headers: [.ifMatch: read.headers[.eTag]!])
            _ = try await gateway.send(.post, "/api/v1/users/\(user)/disable", token: admin)
            _ = try await gateway.send(.post, "/api/v1/users/\(user)/disable", token: admin) // no change, no entry
            let key = try await gateway.send(
                .post, "/api/v1/api-keys", token: admin,
                json: #"{"organizationId":"\#(organization)","name":"k","scopes":["grants:write"]}"#)
            let keyID = try key.decoded(as: CreatedAPIKey.self).apiKey.id
            _ = try await gateway.send(.delete, "/api/v1/api-keys/\(keyID)", token: admin)
            _ = try await gateway.send(.delete, "/api/v1/api-keys/\(keyID)", token: admin) // already revoked

            let entries = try await gateway.auditEntries(adminToken: admin)
            func count(_ action: String, target: String? = nil) -> Int {
                entries.filter { $0.action == action && (target == nil || $0.targetId?.lowercased() == target?.lowercased()) }.count
            }
            #expect(count("auth.sign_in") == 1)
            #expect(count("auth.sign_in_failed") == 1)
            #expect(count("organization.created", target: organization.uuidString) == 1)
            #expect(count("user.created", target: user.uuidString) == 1)
            #expect(count("user.roles_changed", target: user.uuidString) == 1)
            #expect(count("user.disabled", target: user.uuidString) == 1)
            #expect(count("api_key.created", target: keyID) == 1)
            #expect(count("api_key.revoked", target: keyID) == 1)
            let rolesChange = entries.first { $0.action == "user.roles_changed" }
            #expect(rolesChange?.details?["to"] == ",legal_expert,verifier,")
        }
    }
}
