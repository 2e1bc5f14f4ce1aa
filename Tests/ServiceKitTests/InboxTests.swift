import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import Prometheus
import TestSupport
import Testing

@testable import ServiceKit

/// `POST /internal/events` applies a message once, and only from the services its handler names.
@Suite struct InboxTests {
    func post(
        _ message: InboxMessage, as caller: String, to client: some TestClientProtocol
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name(IdentityAssertion.headerName)!] = try await TestIdentities.serviceSigner(caller)
            .assertion(for: .service(caller), audience: OutboxHarness.receiverName)
        return try await client.execute(
            uri: InboxRoutes.path, method: .post, headers: headers, body: ByteBuffer(bytes: try JSONEncoder.api.encode(message))
        )
    }

    func message(sender: String = OutboxHarness.sender, type: String = OutboxHarness.factType, sequence: Int = 1) -> InboxMessage {
        InboxMessage(
            id: .v7(), type: type, aggregate: "appeal:x", sender: sender, occurredAt: Date(),
            payload: .object(["sequence": .number(Double(sequence)), "isPoison": .bool(false)])
        )
    }

    @Test(arguments: TestDatabases.kinds)
    func aRepeatedMessageIsAcknowledgedAndAppliedOnce(kind: DatabaseKind) async throws {
        try await OutboxHarness.with(.sqlite) { harness in
            let database = try await TemporaryDatabase.create(kind)
            let receiver = try await harness.makeReceiver(database: database)
            try await receiver.application.test(.router) { client in
                let fact = message()
                let first = try await post(fact, as: "appeals", to: client)
                let again = try await post(fact, as: "appeals", to: client)
                #expect(first.status == .ok)
                #expect(again.status == .ok)
                #expect(String(buffer: first.body).contains("\"applied\""))
                #expect(String(buffer: again.body).contains("\"duplicate\""))
            }
            try await database.drop()
            #expect(harness.receiver.appliedCount == 1)
        }
    }

    @Test func onlyTheNamedSenderSigningAsItselfIsHeard() async throws {
        try await OutboxHarness.with(.sqlite) { harness in
            let database = try await TemporaryDatabase.create(.sqlite)
            let receiver = try await harness.makeReceiver(database: database)
            try await receiver.application.test(.router) { client in
                // Another service, and a body that claims a sender the signature does not.
                #expect(try await post(message(sender: "knowledge"), as: "knowledge", to: client).status == .forbidden)
                #expect(try await post(message(sender: "appeals"), as: "knowledge", to: client).status == .forbidden)
                // A type this service does not receive, and a payload of the wrong shape: never retried.
                let unknown = try await post(message(type: "appeals.appeal.exploded"), as: "appeals", to: client)
                #expect(unknown.status == .unprocessableContent)
                var malformed = message()
                malformed = InboxMessage(
                    id: malformed.id, type: malformed.type, aggregate: malformed.aggregate, sender: malformed.sender,
                    occurredAt: malformed.occurredAt, payload: .object(["sequence": .string("first"), "isPoison": .bool(false)])
                )
                #expect(try await post(malformed, as: "appeals", to: client).status == .unprocessableContent)
            }
            try await database.drop()
            #expect(harness.receiver.appliedCount == 0)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aMessageOfAChangeThatRolledBackIsNeverWritten(kind: DatabaseKind) async throws {
        try await OutboxHarness.with(kind) { harness in
            struct ChangeFailed: Error {}
            let outbox = Outbox(database: harness.database)
            let message = try OutboxMessage(type: OutboxHarness.factType, aggregate: "appeal:x", receiver: "grants", payload: OutboxHarness.Fact(sequence: 1))
            await #expect(throws: ChangeFailed.self) {
                try await harness.database.transaction { session in
                    try await outbox.enqueue([message], on: session)
                    throw ChangeFailed()
                }
            }
            #expect(try await harness.states() == (0, 0, 0))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func adminsSeeUndeliverableMessagesAndMetricsCountThem(kind: DatabaseKind) async throws {
        try await OutboxHarness.with(kind) { harness in
            try await harness.enqueue([("appeal:a", .init(sequence: 1)), ("appeal:b", .init(sequence: 1))])
            let store = OutboxStore(database: harness.database)
            let claimed = try await store.claim(limit: 10, lease: .seconds(5))
            try await store.markUndeliverable(claimed[0].id, failure: "HTTP 422")
            try await store.markDelivered(claimed[1].id)
            let registry = PrometheusCollectorRegistry()
            try await OutboxMetrics(registry: registry).refresh(from: store)
            var exposition: [UInt8] = []
            registry.emit(into: &exposition)
            #expect(String(decoding: exposition, as: UTF8.self).contains("outbox_messages_undeliverable 1"))
            #expect(String(decoding: exposition, as: UTF8.self).contains("outbox_messages_pending 0"))
            let page = try await store.undeliverable(limit: 10, after: nil)
            #expect(page.map(\.id) == [claimed[0].id])

            let database = try await TemporaryDatabase.create(.sqlite)
            let receiver = try await harness.makeReceiver(database: database)
            try await receiver.application.test(.router) { client in
                for (identity, status) in [(TestIdentities.staff([.admin]), HTTPResponse.Status.ok), (TestIdentities.staff([.coordinator]), .forbidden)] {
                    var headers = HTTPFields()
                    headers[HTTPField.Name(IdentityAssertion.headerName)!] = try await TestIdentities.assertion(identity, to: OutboxHarness.receiverName)
                    let response = try await client.execute(uri: OutboxHarness.undeliverablePath, method: .get, headers: headers)
                    #expect(response.status == status)
                }
            }
            try await database.drop()
        }
    }
}
