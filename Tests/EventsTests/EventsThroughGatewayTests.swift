import EventsAndHearings
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// The events service behind a real gateway: the catalog's edge routes let the public read (the service
/// still decides what they see) and keep them from changing anything.
@Suite struct EventsThroughGatewayTests {
    @Test(arguments: TestDatabases.kinds)
    func thePublicReadsPublishedEventsThroughTheGatewayAndChangesNothing(kind: DatabaseKind) async throws {
        try await ServiceHarness.run(EventsHarness.definition(), on: kind, setup: .live) { events in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [events], on: kind) { gateway in
                func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil, ifMatch: String? = nil)
                    async throws -> TestResponse
                {
                    var headers: HTTPFields = [:]
                    if json != nil { headers[.contentType] = "application/json" }
                    if let token { headers[.authorization] = "Bearer \(token)" }
                    headers[.ifMatch] = ifMatch
                    let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
                    return try await gateway.client.execute(uri: path, method: method, headers: headers, body: body)
                }
                let login = try await send(
                    .post, "/api/v1/auth/login", json: ["email": TestConfiguration.adminEmail, "password": TestConfiguration.adminPassword])
                let admin = try login.decoded(as: Session.self).accessToken

                let draft = try await send(.post, "/api/v1/events", token: admin, json: EventsHarness.hearing()).decoded(as: EventView.self)
                let hidden = try await send(.post, "/api/v1/events", token: admin, json: EventsHarness.hearing()).decoded(as: EventView.self)
                #expect(try await send(.get, "/api/v1/events/\(draft.id)").status == .notFound)
                let published = try await send(.post, "/api/v1/events/\(draft.id)/transitions", token: admin, json: ["to": "published"], ifMatch: "\"1\"")
                #expect(published.status == .ok)

                let read = try await send(.get, "/api/v1/events/\(draft.id)")
                #expect(read.status == .ok)
                #expect(try read.decoded(as: EventView.self).status == "published")
                #expect(try await send(.get, "/api/v1/events/\(draft.id)/agenda").status == .ok)
                let listed = try await send(.get, "/api/v1/events?regionCode=KG-N").decoded(as: EventPage.self).items.map(\.id)
                #expect(listed == [draft.id])
                #expect(!listed.contains(hidden.id))

                // Changes need a signed-in caller at the edge; history is the service's to refuse.
                #expect(try await send(.post, "/api/v1/events", json: EventsHarness.hearing()).status == .unauthorized)
                #expect(try await send(.patch, "/api/v1/events/\(draft.id)", json: ["type": "forum"], ifMatch: "\"2\"").status == .unauthorized)
                #expect(try await send(.get, "/api/v1/events/\(draft.id)/history").status == .unauthorized)
                #expect(try await send(.get, "/api/v1/events/outbox/undeliverable").status == .unauthorized)

                // The calendar feed and the scorecards are the public's, through the edge; making a recommendation is not.
                let feed = try await send(.get, "/api/v1/events/calendar.ics?region=KG-N")
                #expect(feed.status == .ok)
                #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(String(buffer: feed.body).contains("UID:\(draft.id.lowercased())@events-and-hearings.openmedia"))
                #expect(try await send(.get, "/api/v1/events/scorecards?council=\(EventsHarness.narynCouncil)").status == .ok)
                #expect(try await send(.get, "/api/v1/events/recommendations?council=\(EventsHarness.narynCouncil)").status == .ok)
                let recommendation: [String: Any] = ["text": ["en": "Act"], "dutyBearerId": UUID().uuidString, "dueOn": "2027-06-30"]
                #expect(try await send(.post, "/api/v1/events/\(draft.id)/recommendations", json: recommendation).status == .unauthorized)
                // Indicators are the gateway's own calls, never forwarded from outside.
                #expect(try await send(.get, "/internal/indicators?from=2027-01&to=2027-02", token: admin).status != .ok)
            }
        }
    }

    struct Session: Decodable { let accessToken: String }
}
