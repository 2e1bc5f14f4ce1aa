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

/// The privacy canary: a participant's name, phone, email and registration code never reach the logs (the
/// gateway's or the service's), the metrics, the raw database, or any answer to a caller who may not see
/// them. End to end through the gateway, which also shows the public registers and withdraws past it.
@Suite struct RegistrationPrivacyTests {
    @Test(arguments: TestDatabases.kinds)
    func aParticipantsDataNeverReachesLogsMetricsTheDatabaseFileOrCallersWhoMayNotSeeIt(kind: DatabaseKind) async throws {
        let canary = "CANARY\(UUID().uuidString.prefix(8))"
        let name = "Aigul \(canary)"
        let phone = "+996 700 \(Int.random(in: 100_000...999_999))"
        let email = "\(canary.lowercased())@example.org"
        let logs = LogCapture()
        let (code, leaks, file) = try await ServiceHarness.run(EventsHarness.definition(), on: kind, setup: .live, logs: logs) { events in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [events], on: kind, logs: logs) { gateway in
                func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil) async throws -> TestResponse {
                    var headers: HTTPFields = [:]
                    if json != nil { headers[.contentType] = "application/json" }
                    if let token { headers[.authorization] = "Bearer \(token)" }
                    let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
                    return try await gateway.client.execute(uri: path, method: method, headers: headers, body: body)
                }
                let login = try await send(
                    .post, "/api/v1/auth/login", json: ["email": TestConfiguration.adminEmail, "password": TestConfiguration.adminPassword])
                let admin = try login.decoded(as: EventsThroughGatewayTests.Session.self).accessToken
                let event = try await send(.post, "/api/v1/events", token: admin, json: EventsHarness.hearing()).decoded(as: EventView.self)
                for (to, version) in [("published", 1), ("registration_open", 2)] {
                    let moved = try await events.send(
                        .post, "/api/v1/events/\(event.id)/transitions", as: EventsHarness.coordinator,
                        headers: [.ifMatch: "\"\(version)\"", .contentType: "application/json"], body: ByteBuffer(string: #"{"to":"\#(to)"}"#))
                    try #require(moved.status == .ok)
                }
                let path = "/api/v1/events/\(event.id)/registrations"

                // The public registers past the gateway, anonymously, and may not create events there.
                let desk = "/api/v1/events/registrations"
                let registered = try await send(
                    .post, desk,
                    json: [
                        "eventId": event.id, "name": name, "phone": phone, "email": email, "sex": "female", "consent": ["sex": true],
                        "showAttendance": false,
                    ])
                #expect(registered.status == .created)
                let receipt = try registered.decoded(as: RegistrationReceiptView.self)
                let code = try #require(receipt.registrationCode)
                let other = try await send(.post, desk, json: ["eventId": event.id, "name": "Someone else"]).decoded(as: RegistrationReceiptView.self)
                #expect(try await send(.post, "\(desk)/withdraw", json: ["code": other.registrationCode!]).status == .ok)
                #expect(try await send(.post, "/api/v1/events", json: EventsHarness.hearing()).status == .unauthorized)

                // Staff still read it: sealed, not lost.
                let staff = try await send(.get, "\(path)/\(receipt.id)", token: admin).decoded(as: RegistrationView.self)
                #expect((staff.participant.name, staff.participant.phone, staff.participant.email) == (name, phone, email))
                #expect(try await send(.post, "/api/v1/events/\(event.id)/check-ins", token: admin, json: ["code": code]).status == .ok)

                // Everyone else: through the gateway for the public, to the service for each role.
                var answers: [TestResponse] = []
                let publicPaths = [
                    path, "\(path)/\(receipt.id)", "\(path)/summary", "/api/v1/events/\(event.id)/attendees", "/api/v1/events/\(event.id)/registrations.csv",
                    "/api/v1/events/\(event.id)", "/api/v1/events/\(event.id)/history",
                ]
                for target in publicPaths { answers.append(try await send(.get, target)) }
                answers.append(try await send(.post, "\(desk)/lookup", json: ["code": code]))
                let others: [TestIdentity] = [
                    .principal([.journalist]), .principal([.stakeholder]), .partner(organizationID: UUID()), .principal([.legalExpert]),
                    .principal([.councilMember], organizationID: UUID(), organizationRegion: .talas),
                ]
                for caller in others {
                    for target in publicPaths { answers.append(try await events.send(.get, target, as: caller)) }
                }
                answers.append(try await send(.get, "/metrics"))
                answers.append(try await events.send(.get, "/metrics"))
                let leaks = answers.filter { answer in [canary, phone, email.lowercased()].contains { answer.text.lowercased().contains($0.lowercased()) } }
                    .map { "\($0.status.code) \($0.text.prefix(200))" }
                return (code, leaks, try RawDatabase(events.settings.database))
            }
        }
        #expect(leaks.isEmpty, "answers that hold the participant's data: \(leaks)")
        for secret in [canary, canary.lowercased(), phone, email, code, code.replacingOccurrences(of: "-", with: "")] {
            #expect(!file.holds(secret), "the database holds \(secret)")
            #expect(!logs.text.contains(secret), "the logs hold \(secret)")
        }
        #expect(logs.text.contains("request")) // the capture did see the traffic
        #expect(file.holds("At-Bashy")) // and the raw contents do hold the event
    }
}
