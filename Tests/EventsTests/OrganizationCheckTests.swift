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

/// An event's organisers, an invitation's organisation and a recommendation's duty-bearer must be enabled
/// organisations of the gateway's directory: 422 naming the field otherwise, 503 when the directory cannot be
/// asked, and nothing written either way.
@Suite struct OrganizationCheckTests {
    static func fieldErrors(_ response: TestResponse) -> [String: String] {
        response.problemCode == "unknown_organization" ? response.problem?.errors ?? [:] : [:]
    }

    @Test(arguments: TestDatabases.kinds)
    func unknownAndDisabledOrganisationsAreRefusedByFieldBeforeAnythingIsWritten(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let (unknown, disabled, kept) = (UUID(), UUID(), UUID())
            h.directory.forget(unknown)
            h.directory.disable(disabled)
            func create(_ fields: [String: Any]) async throws -> TestResponse {
                try await h.send(.post, "/api/v1/events", as: EventsHarness.coordinator, json: EventsHarness.hearing(fields))
            }
            let refused = try await create(["organizerId": unknown.uuidString, "coOrganizerIds": [kept.uuidString, disabled.uuidString]])
            #expect(refused.status == .unprocessableContent)
            #expect(
                Self.fieldErrors(refused) == [
                    "organizerId": "names no organisation of the directory", "coOrganizerIds[1]": "names an organisation that is disabled in the directory",
                ])
            #expect(try await h.send(.get, "/api/v1/events", as: EventsHarness.coordinator).text.contains(#""items":[]"#))

            // A change may keep an organisation that was disabled since, not name a new one.
            let event = try await h.create(EventsHarness.hearing(["coOrganizerIds": [kept.uuidString]]))
            h.directory.disable(kept)
            let keeping = try await h.change(
                .patch, event.id, json: ["coOrganizerIds": [kept.uuidString], "venue": ["regionCode": "KG-N", "locality": "Naryn"]])
            #expect(keeping.status == .ok, "\(keeping.text)")
            let naming = try await h.change(.patch, event.id, json: ["organizerId": disabled.uuidString])
            #expect(Self.fieldErrors(naming) == ["organizerId": "names an organisation that is disabled in the directory"])

            // An invitation's organisation and a recommendation's duty-bearer.
            let invitation = try await h.send(
                .post, "/api/v1/events/\(event.id)/invitations", as: EventsHarness.coordinator,
                json: ["organizationId": unknown.uuidString, "role": "official"])
            #expect(Self.fieldErrors(invitation) == ["organizationId": "names no organisation of the directory"])
            let held = try await h.heldEvent()
            let recommendation = try await h.send(
                .post, "/api/v1/events/\(held.id)/recommendations", as: EventsHarness.coordinator,
                json: ["text": ["en": "Repair the pipe"], "dutyBearerId": disabled.uuidString, "dueOn": "2027-06-30"])
            #expect(Self.fieldErrors(recommendation) == ["dutyBearerId": "names an organisation that is disabled in the directory"])
            #expect(try await h.send(.get, "/api/v1/events/\(event.id)/invitations", as: EventsHarness.coordinator).text.contains(#""items":[]"#))
            #expect(try await h.send(.get, "/api/v1/events/\(held.id)/recommendations", as: EventsHarness.coordinator).text.contains(#""items":[]"#))

            // The directory unreachable: 503, and still nothing written.
            h.directory.setReachable(false)
            let unavailable = try await create([:])
            #expect(unavailable.status == .serviceUnavailable && unavailable.problemCode == "directory_unavailable")
            let list = try await h.send(.get, "/api/v1/events?limit=200", as: EventsHarness.coordinator).text
            #expect(list.components(separatedBy: #""organizerId""#).count == 3, "the two events made above, no third")
        }
    }

    @Test func theServiceDoesNotStartWithoutTheGatewaysAddress() async throws {
        let database = try await TemporaryDatabase.create(.sqlite)
        // The test configuration names an unreachable gateway; unset, the service does not start.
        let reader = TestConfiguration.reader(
            for: EventsAndHearingsService.definition, database: database.settings, overrides: ["services.gateway.url": ""])
        let error = await #expect(throws: ConfigurationError.self) {
            _ = try await ServiceInstance.build(EventsAndHearingsService.definition, reader: reader)
        }
        #expect(error?.setting == "SERVICES_GATEWAY_URL")
        try await database.drop()
    }
}

/// The check against the real directory: events and a gateway, each on its own port, as the platform runs them.
@Suite struct OrganizationCheckThroughGatewayTests {
    struct Session: Decodable { let accessToken: String }

    @Test(arguments: TestDatabases.kinds)
    func eventsChecksOrganisationsAgainstTheGatewaysDirectory(kind: DatabaseKind) async throws {
        try await ServiceHarness.runWithGateway(EventsAndHearingsService.definition, gateway: GatewayService.definition, on: kind) { gateway in
            func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil, ifMatch: String? = nil) async throws
                -> TestResponse
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
            func organization(_ type: String, region: String? = nil) async throws -> String {
                var fields: [String: Any] = ["type": type, "name": ["en": "\(type) \(UUID().uuidString.prefix(6))"]]
                fields["regionCode"] = region
                let created = try await send(.post, "/api/v1/organizations", token: admin, json: fields)
                #expect(created.status == .created, "\(created.text)")
                return try #require(created.text.firstMatch(of: /"id":"([0-9a-fA-F-]{36})"/)).1.lowercased()
            }
            let council = try await organization("public_council", region: "KG-N")
            let ministry = try await organization("state_body")
            let closed = try await organization("cso")
            #expect(try await send(.post, "/api/v1/organizations/\(closed)/disable", token: admin, ifMatch: "\"1\"").status == .ok)
            let unknown = UUID().uuidString.lowercased()

            func create(_ organizer: String, _ coOrganizers: [String]) async throws -> TestResponse {
                try await send(
                    .post, "/api/v1/events", token: admin, json: EventsHarness.hearing(["organizerId": organizer, "coOrganizerIds": coOrganizers]))
            }
            let refused = try await create(unknown, [ministry, closed])
            #expect(refused.status == .unprocessableContent && refused.problemCode == "unknown_organization", "\(refused.text)")
            #expect(refused.problem?.errors?.keys.sorted() == ["coOrganizerIds[1]", "organizerId"])
            let created = try await create(council, [ministry])
            #expect(created.status == .created, "\(created.text)")
            let event = try created.decoded(as: EventView.self)

            let invitations = "/api/v1/events/\(event.id)/invitations"
            let invited = try await send(.post, invitations, token: admin, json: ["organizationId": ministry, "role": "official"])
            #expect(invited.status == .created, "\(invited.text)")
            let refusedInvitation = try await send(.post, invitations, token: admin, json: ["organizationId": closed, "role": "official"])
            #expect(refusedInvitation.problem?.errors?.keys.sorted() == ["organizationId"])

            var version = 1
            for step in ["published", "registration_open", "registration_closed", "held"] {
                let moved = try await send(.post, "/api/v1/events/\(event.id)/transitions", token: admin, json: ["to": step], ifMatch: "\"\(version)\"")
                #expect(moved.status == .ok, "\(step): \(moved.text)")
                version += 1
            }
            let recommendations = "/api/v1/events/\(event.id)/recommendations"
            func recommend(_ dutyBearer: String) async throws -> TestResponse {
                try await send(
                    .post, recommendations, token: admin, json: ["text": ["en": "Repair the pipe"], "dutyBearerId": dutyBearer, "dueOn": "2027-06-30"])
            }
            #expect(try await recommend(ministry).status == .created)
            #expect(try await recommend(unknown).problem?.errors?.keys.sorted() == ["dutyBearerId"])
        }
    }

    @Test func withoutTheGatewayNothingIsWritten() async throws {
        let closedPort = try await ServiceHarness.freeLoopbackPort()
        let settings = ["services.gateway.url": "http://127.0.0.1:\(closedPort)"]
        try await ServiceHarness.run(EventsAndHearingsService.definition, settings: settings) { events in
            let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: EventsHarness.hearing()))
            let refused = try await events.send(.post, "/api/v1/events", as: EventsHarness.coordinator, headers: [.contentType: "application/json"], body: body)
            #expect(refused.status == .serviceUnavailable && refused.problemCode == "directory_unavailable", "\(refused.text)")
            let list = try await events.send(.get, "/api/v1/events", as: EventsHarness.coordinator)
            #expect(list.text.contains(#""items":[]"#))
        }
    }
}
