import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Persistence
import SQLKit
import ServiceKit
import TestSupport
import Testing

/// The idempotency store keeps no secret, and anonymous callers never share a scope.
@Suite struct IdempotencySecretsTests {
    static let body = #"{"title": "A receipt", "region": "KG-N"}"#

    func post(_ client: some TestClientProtocol, _ path: String, key: String, as identity: Identity, clientKey: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.idempotencyKey] = key
        return try await client.execute(path, method: .post, as: identity, clientKey: clientKey, headers: headers, json: Self.body)
    }

    /// The service's own database file (or the PostgreSQL database).
    static func serviceDatabase(_ service: RunningService) throws -> Database {
        try Database.open(service.settings.database, logger: Logger(label: "test-database"))
    }

    @Test(arguments: TestDatabases.kinds)
    func aSecretIsNeitherStoredNorReplayedButTheReplayStillSaysCreated(kind: DatabaseKind) async throws {
        try await TestService.with(kind) { service, executions in
            let client = service.client
            let first = try await post(client, "/api/v1/secrets", key: "receipt-1", as: .anonymous, clientKey: "client-a")
            #expect(first.status == .created)
            #expect(first.headers[HTTPField.Name("X-Secret-Fields")!] == nil)
            let secret = try #require(first.json?["secret"] as? String)
            let id = try #require(first.json?["id"] as? String)

            let replay = try await post(client, "/api/v1/secrets", key: "receipt-1", as: .anonymous, clientKey: "client-a")
            #expect(replay.status == .created)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(replay.json?["id"] as? String == id)
            #expect(replay.json?["secret"] == nil)
            #expect((replay.json?["replayNotice"] as? String)?.contains("cannot be shown again") == true)
            #expect(executions.count("secrets") == 1)

            let database = try Self.serviceDatabase(service)
            let stored = try await database.sql.raw("SELECT scope, idempotency_key, response_body FROM idempotency_keys").all()
            try await database.close()
            #expect(stored.count == 1)
            for row in stored {
                let body = try row.decode(column: "response_body", as: Data.self)
                #expect(String(decoding: body, as: UTF8.self).contains(secret) == false)
                #expect(String(decoding: body, as: UTF8.self).contains(id))
                // The scope is a hash: no client key in the clear.
                #expect(try row.decode(column: "scope", as: String.self).contains("client-a") == false)
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anonymousCallersFromOtherClientsNeverShareAKey(kind: DatabaseKind) async throws {
        try await TestService.with(kind) { service, executions in
            let client = service.client
            let first = try await post(client, "/api/v1/notes", key: "same-key", as: .anonymous, clientKey: "client-a")
            let other = try await post(client, "/api/v1/notes", key: "same-key", as: .anonymous, clientKey: "client-b")
            #expect(first.status == .created)
            #expect(other.status == .created)
            #expect(other.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            #expect(other.json?["id"] as? String != first.json?["id"] as? String)
            #expect(executions.count("notes") == 2)
            // The first client's retry still replays its own answer.
            let retry = try await post(client, "/api/v1/notes", key: "same-key", as: .anonymous, clientKey: "client-a")
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(retry.json?["id"] as? String == first.json?["id"] as? String)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func keysAreForgottenAfterAnHour(kind: DatabaseKind) async throws {
        try await TestService.with(kind) { service, executions in
            let client = service.client
            let caller = TestIdentities.staff()
            _ = try await post(client, "/api/v1/notes", key: "hourly", as: caller)
            let database = try Self.serviceDatabase(service)
            let store = IdempotencyStore(database: database)
            try await store.purgeExpired(now: Date().addingTimeInterval(50 * 60))
            let kept = try await post(client, "/api/v1/notes", key: "hourly", as: caller)
            #expect(kept.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            try await store.purgeExpired(now: Date().addingTimeInterval(61 * 60))
            try await database.close()
            let again = try await post(client, "/api/v1/notes", key: "hourly", as: caller)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            #expect(executions.count("notes") == 2)
        }
    }
}
