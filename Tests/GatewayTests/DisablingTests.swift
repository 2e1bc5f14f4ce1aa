import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import TestSupport
import Testing

@testable import Gateway

/// Disabling an organisation takes away everything that acts for it; API keys can expire.
@Suite struct DisablingTests {
    @Test(arguments: TestDatabases.kinds)
    func disablingAnOrganisationEndsItsMembersAccessAndRevokesItsKeys(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let organization = try await gateway.createOrganization(token: admin)
            try await gateway.createUser(email: "partner@example.org", roles: [.csoPartner], organization: organization, token: admin)
            let member = try await gateway.session("partner@example.org", "a long enough password")
            let key = try await gateway.createKey(for: organization, token: admin).secret
            // A live key is recognised (and confined to its scopes); an unknown or revoked one is not.
            #expect(try await gateway.send(.get, "/api/v1/users", apiKey: key).problemCode == "insufficient_scope")

            let path = "/api/v1/organizations/\(organization)"
            #expect(try await gateway.send(.post, "\(path)/disable", token: admin).problemCode == "precondition_required")
            #expect(try await gateway.transition(path, "disable", token: admin).status == .ok)

            #expect(try await gateway.login("partner@example.org", "a long enough password").problemCode == "invalid_credentials")
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: member.accessToken).problemCode == "invalid_token")
            #expect(
                try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(member.refreshToken)"}"#)
                    .problemCode == "invalid_refresh_token")
            #expect(try await gateway.send(.get, "/api/v1/users", apiKey: key).problemCode == "invalid_api_key")

            // Enabling again, with If-Match like every change, lets the members back in; the keys stay revoked.
            #expect(try await gateway.send(.post, "\(path)/enable", token: admin).problemCode == "precondition_required")
            let enabled = try await gateway.transition(path, "enable", token: admin)
            #expect(enabled.status == .ok)
            #expect(try enabled.decoded(as: UserView.self).isDisabled == false)
            #expect(try await gateway.login("partner@example.org", "a long enough password").status == .ok)
            #expect(try await gateway.send(.get, "/api/v1/users", apiKey: key).problemCode == "invalid_api_key")

            let entries = try await gateway.auditEntries(adminToken: admin, query: "&targetId=\(organization.uuidString.lowercased())")
            let actions = entries.map(\.action)
            #expect(actions.filter { $0 == "organization.disabled" }.count == 1)
            #expect(actions.filter { $0 == "organization.enabled" }.count == 1)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anAPIKeyIsRefusedFromItsExpiry(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let organization = try await gateway.createOrganization(token: admin)
            let past = try await gateway.send(
                .post, "/api/v1/api-keys", token: admin,
                json: GatewayHarness.object(
                    ["organizationId": organization.uuidString, "name": "late", "scopes": ["appeals:write"], "expiresAt": "2020-01-01T00:00:00Z"]))
            #expect(past.status == .unprocessableContent)
            #expect(past.problem?.errors?["expiresAt"] != nil)

            let expiresAt = Date(timeIntervalSinceNow: 3600)
            let created = try await gateway.createKey(for: organization, expiresAt: expiresAt, token: admin)
            #expect(created.response.headers[.cacheControl] == "no-store")
            #expect(try created.response.decoded(as: CreatedAPIKey.self).apiKey.expiresAt != nil)
            #expect(try await gateway.send(.get, "/api/v1/users", apiKey: created.secret).problemCode == "insufficient_scope")

            let database = try gateway.openDatabase()
            let keys = APIKeyRepository(database: database)
            #expect(try await keys.authenticate(created.secret) != nil)
            // Cached or read afresh, the key is refused from its expiry on.
            #expect(try await keys.authenticate(created.secret, now: expiresAt + 1) == nil)
            #expect(try await APIKeyRepository(database: database).authenticate(created.secret, now: expiresAt + 1) == nil)
            try await database.close()
        }
    }
}

extension GatewayHarness {
    /// Creates an API key for `organization` as `token`; returns its secret and the response.
    func createKey(for organization: UUID, expiresAt: Date? = nil, token: String) async throws -> (secret: String, response: TestResponse) {
        var fields: [String: Any] = ["organizationId": organization.uuidString, "name": "partner system", "scopes": ["appeals:write"]]
        fields["expiresAt"] = expiresAt.map { RFC3339.string(from: $0) }
        let response = try await send(.post, "/api/v1/api-keys", token: token, json: Self.object(fields))
        guard response.status == .created, let secret = try response.decoded(as: CreatedAPIKey.self).key else {
            throw HarnessError("creating an API key failed: \(response.status) \(response.text)")
        }
        return (secret, response)
    }
}
