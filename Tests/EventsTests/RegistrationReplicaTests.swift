import EventsAndHearings
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// Two replicas of the service on one database: each queues its own registrations in process, so only the
/// database's lock on the event (PostgreSQL's row lock, SQLite's single writer) stands between them and an
/// overbooked event.
@Suite struct RegistrationReplicaTests {
    static let places = 20
    static let perReplica = 40

    @Test(arguments: TestDatabases.kinds)
    func twoReplicasRegisteringAtOnceFillThePlacesExactlyOnce(kind: DatabaseKind) async throws {
        let database = try await TemporaryDatabase.create(kind)
        do {
            let reader = TestConfiguration.reader(for: EventsHarness.definition(), database: database.settings)
            let first = try await ServiceInstance.build(EventsHarness.definition(), reader: reader)
            let second = try await ServiceInstance.build(EventsHarness.definition(), reader: reader)
            try await first.application.test(.router) { one in
                try await second.application.test(.router) { other in
                    let name = EventsHarness.definition().name
                    @Sendable func send(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, json: String) async throws
                        -> TestResponse
                    {
                        var headers = try await EventsHarness.coordinator.headers(to: name)
                        headers[.contentType] = "application/json"
                        return try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: json))
                    }
                    let fields = String(decoding: try JSONSerialization.data(withJSONObject: EventsHarness.hearing()), as: UTF8.self)
                    let event = try await send(one, .post, "/api/v1/events", json: fields).decoded(as: EventView.self)
                    for (index, to) in ["published", "registration_open"].enumerated() {
                        var headers = try await EventsHarness.coordinator.headers(to: name)
                        headers[.contentType] = "application/json"
                        headers[.ifMatch] = "\"\(index + 1)\""
                        let moved = try await one.execute(
                            uri: "/api/v1/events/\(event.id)/transitions", method: .post, headers: headers, body: ByteBuffer(string: #"{"to":"\#(to)"}"#))
                        try #require(moved.status == .ok)
                    }
                    let settings = try await send(
                        other, .put, "/api/v1/events/\(event.id)/registration-settings", json: #"{"capacity":\#(Self.places),"moderated":false}"#)
                    try #require(settings.status == .ok)

                    let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                        for index in 0..<(2 * Self.perReplica) {
                            let client = index.isMultiple(of: 2) ? one : other
                            group.addTask {
                                let response = try await send(
                                    client, .post, "/api/v1/events/registrations", json: #"{"eventId":"\#(event.id)","name":"Person \#(index)"}"#)
                                return try response.decoded(as: RegistrationReceiptView.self).status
                            }
                        }
                        return try await group.reduce(into: [String]()) { $0.append($1) }
                    }
                    #expect(statuses.filter { $0 == "confirmed" }.count == Self.places)
                    #expect(statuses.filter { $0 == "waitlisted" }.count == 2 * Self.perReplica - Self.places)
                    let page = try await send(other, .get, "/api/v1/events/\(event.id)/registrations?limit=200", json: "")
                    let stored = try page.decoded(as: RegistrationPage.self).items
                    #expect(stored.map(\.sequence) == Array(1...(2 * Self.perReplica)))
                    #expect(stored.prefix(Self.places).allSatisfy { $0.status == "confirmed" })
                }
            }
        } catch {
            try await database.drop()
            throw error
        }
        try await database.drop()
    }
}
