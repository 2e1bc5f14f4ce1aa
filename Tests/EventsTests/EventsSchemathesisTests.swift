import EventsAndHearings
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// Schemathesis generates requests from the gateway's merged OpenAPI document, for the events paths (valid
/// and invalid ones, every method), and sends them through a live gateway as an admin: no answer may be a
/// 5xx or stray from the document, and every request the document calls valid is accepted unless the
/// document names the rule that refuses it. Needs `schemathesis` on PATH, as the appeals suite does.
@Suite struct EventsSchemathesisTests {
    @Test(arguments: TestDatabases.kinds)
    func generatedRequestsGetNoServerErrorAndOnlyDocumentedAnswers(kind: DatabaseKind) async throws {
        let limits = ["gateway.rate.limit.user.per.minute": "1000000", "gateway.rate.limit.anonymous.per.minute": "1000000"]
        try await ServiceHarness.run(EventsHarness.definition(), on: kind, setup: .live) { events in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [events], on: kind, settings: limits, setup: .live) { gateway in
                let base = "http://127.0.0.1:\(gateway.client.port!)"
                func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any, ifMatch: String? = nil) async throws
                    -> TestResponse
                {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let token { headers[.authorization] = "Bearer \(token)" }
                    headers[.ifMatch] = ifMatch
                    let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
                    return try await gateway.client.execute(uri: path, method: method, headers: headers, body: body)
                }
                let login = try await send(
                    .post, "/api/v1/auth/login", json: ["email": TestConfiguration.adminEmail, "password": TestConfiguration.adminPassword])
                let admin = try login.decoded(as: EventsThroughGatewayTests.Session.self).accessToken
                // A real event with an agenda item, so generated requests reach the handlers, not only 404s.
                let event = try await send(.post, "/api/v1/events", token: admin, json: EventsHarness.hearing()).decoded(as: EventView.self)
                let agenda = try await send(.post, "/api/v1/events/\(event.id)/agenda", token: admin, json: AgendaTests.item("Opening"), ifMatch: "\"1\"")
                let item = try #require(try agenda.decoded(as: AgendaView.self).items.first?.id)
                let series = try await send(.put, "/api/v1/events/\(event.id)/recurrence", token: admin, json: ["rule": "FREQ=WEEKLY"], ifMatch: "\"2\"")
                try #require(series.status == .ok)

                let response = try await gateway.client.execute(uri: "/openapi.json", method: .get)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                let outcome = try await Schemathesis.run(
                    gateway: base, token: admin, document: document, parameters: ["path.id": "\(event.id)", "path.itemId": "\(item)"],
                    pathRegex: "^/api/v1/events", seed: "20261201")
                if outcome.status == 127 {
                    Issue.record("schemathesis is not installed: pip install schemathesis")
                } else {
                    #expect(outcome.status == 0, "schemathesis found problems:\n\(outcome.output.suffix(12_000))")
                }
            }
        }
    }
}
