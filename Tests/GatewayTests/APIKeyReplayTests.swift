import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import SQLKit
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

/// A new API key is shown once: the idempotency store never keeps it, and a replay says so.
@Suite struct APIKeyReplayTests {
    @Test(arguments: TestDatabases.kinds)
    func aRetriedKeyCreationSaysCreatedWithoutTheKeyAndTheStoreNeverHoldsIt(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { h in
            let admin = try await h.adminToken()
            let organization = try await h.createOrganization(token: admin)
            let body = GatewayHarness.object(["organizationId": organization.uuidString, "name": "intake", "scopes": ["appeals:write"]])
            let headers: HTTPFields = [HTTPField.Name("Idempotency-Key")!: UUID().uuidString]
            let first = try await h.send(.post, "/api/v1/api-keys", token: admin, json: body, headers: headers)
            #expect(first.status == .created)
            let firstKey = try first.decoded(as: CreatedAPIKey.self)
            let key = try #require(firstKey.key)
            let retry = try await h.send(.post, "/api/v1/api-keys", token: admin, json: body, headers: headers)
            #expect(retry.status == .created)
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let replayed = try retry.decoded(as: CreatedAPIKey.self)
            #expect(replayed.key == nil)
            #expect(replayed.apiKey.id == firstKey.apiKey.id)
            #expect(replayed.replayNotice?.contains("cannot be shown again") == true)
            #expect(!retry.text.contains(key))

            let database = try h.openDatabase()
            let bodies = try await database.sql.raw("SELECT response_body FROM idempotency_keys").all().map {
                String(decoding: try $0.decode(column: "response_body", as: Data.self), as: UTF8.self)
            }
            try await database.close()
            #expect(bodies.count == 1)
            #expect(bodies.allSatisfy { !$0.contains(key) && !$0.contains("omk_") })
        }
    }
}
