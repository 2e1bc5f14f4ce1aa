import Appeals
import Broadcasts
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import NIOCore
import NIOPosix
import Persistence
import SQLKit
import ServiceKit
import ServiceLifecycle
import TestSupport
import Testing

/// The link from broadcasts to appeals end to end through the gateway (issue 15): staff plan an episode,
/// import a published appeal as a question, answer it on air and log the answer; appeals stops; a legal
/// expert approves the summary, so broadcasts' outbox holds `broadcasts.question.answered` while appeals is
/// down; appeals starts again on the same data and address, the fact arrives once, and the appellant
/// tracking the code sees "answered on air" with the replay link at the answer's timecode.
@Suite struct BroadcastAnswerEndToEndTests {
    /// Calls through the gateway as a client does.
    struct Client {
        let client: any TestClientProtocol

        @discardableResult
        func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil, ifMatchOf resource: String? = nil)
            async throws -> TestResponse
        {
            var headers = HTTPFields()
            if json != nil { headers[.contentType] = "application/json" }
            if let token { headers[.authorization] = "Bearer \(token)" }
            if let resource { headers[.ifMatch] = try await send(.get, resource, token: token).headers[.eTag] ?? "" }
            let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
            return try await client.execute(uri: path, method: method, headers: headers, body: body)
        }

        /// Sends and fails the test's setup when the answer is not `expected`; returns the body's `id`, if any.
        @discardableResult
        func expect(
            _ expected: HTTPResponse.Status, _ method: HTTPRequest.Method, _ path: String, token: String?, json: Any? = nil,
            ifMatchOf resource: String? = nil
        ) async throws -> String {
            let response = try await send(method, path, token: token, json: json, ifMatchOf: resource)
            guard response.status == expected else { throw Failure("\(method) \(path): \(response.status.code) \(response.text)") }
            return (try? response.decoded(as: Created.self).id) ?? ""
        }

        func token(_ email: String = TestConfiguration.adminEmail, _ password: String = TestConfiguration.adminPassword) async throws -> String {
            let response = try await send(.post, "/api/v1/auth/login", json: ["email": email, "password": password])
            guard response.status == .ok else { throw Failure("sign-in failed: \(response.text)") }
            return try response.decoded(as: Session.self).accessToken
        }

        /// A new user with `roles`, signed in.
        func user(_ roles: [String], admin: String) async throws -> String {
            let email = "u-\(UUID().uuidString.prefix(8).lowercased())@example.org"
            try await expect(
                .created, .post, "/api/v1/users", token: admin,
                json: ["email": email, "displayName": "Lawyer", "password": "a long enough password", "roles": roles])
            return try await token(email, "a long enough password")
        }
    }

    struct Session: Decodable { let accessToken: String }
    struct Created: Decodable { let id: String }
    struct Receipt: Decodable {
        let id: String
        let trackingCode: String
    }
    struct Tracking: Decodable {
        struct Response: Decodable {
            struct OnAir: Decodable {
                let replayURL: String?
                let summary: [String: String]
            }
            let channel: String
            let onAir: OnAir?
        }
        let status: String
        let responses: [Response]
    }
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Waits until `condition` holds, for up to 30 s (a generous bound, not a timing assertion).
    static func eventually(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        for _ in 0..<1500 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Broadcasts' outbox: how often its one message was tried, and whether it was delivered.
    static func outbox(of broadcasts: RunningService) async throws -> (attempts: Int, delivered: Int, total: Int) {
        let database = try Database.open(broadcasts.settings.database, logger: Logger(label: "outbox-probe"))
        do {
            let rows = try await database.sql.raw("SELECT attempts, delivered_at FROM outbox_messages").all()
            let attempts = try rows.map { try $0.decode(column: "attempts", as: Int.self) }.max() ?? 0
            let delivered = try rows.filter { try $0.decode(column: "delivered_at", as: Int64?.self) != nil }.count
            try await database.close()
            return (attempts, delivered, rows.count)
        } catch {
            try? await database.close()
            throw error
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anAnswerApprovedWhileAppealsIsDownReachesTheAppellantOnce(kind: DatabaseKind) async throws {
        let appealsData = try await TemporaryDatabase.create(kind)
        do {
            let port = try await ServiceHarness.freeLoopbackPort()
            let appealsURL = "http://127.0.0.1:\(port)"
            var policy = OutboxPolicy()
            policy.pollInterval = .milliseconds(20)
            policy.baseDelay = .milliseconds(20)
            policy.maximumDelay = .milliseconds(200)
            policy.maximumAttempts = 1_000_000
            // Longer than any delivery takes on a loaded machine: a lapsed lease would send a message twice.
            policy.lease = .seconds(60)
            let broadcastsSettings = ["services.appeals.url": appealsURL]
            try await ServiceHarness.run(BroadcastsService.definition, on: kind, settings: broadcastsSettings, setup: .live, outboxPolicy: policy) {
                broadcasts in
                let gatewaySettings = ["services.appeals.url": appealsURL, "services.broadcasts.url": try broadcasts.url]
                try await ServiceHarness.run(GatewayService.definition, on: kind, settings: gatewaySettings) { gateway in
                    try await Self.walkThrough(Client(client: gateway.client), broadcasts: broadcasts, appeals: appealsData.settings, port: port)
                }
            }
            try await appealsData.drop()
        } catch {
            try? await appealsData.drop()
            throw error
        }
    }

    static func walkThrough(_ g: Client, broadcasts: RunningService, appeals: DatabaseSettings, port: Int) async throws {
        let admin = try await g.token()
        let lawyer = try await g.user(["legal_expert"], admin: admin)
        // Appeals' first life: the appeal is sent, verified and published; staff put it to an episode, which
        // answers it on air, and log the answer.
        let (code, answer) = try await ServiceHarness.serve(AppealsService.definition, database: appeals, port: port) {
            let sent = try await g.send(
                .post, "/api/v1/appeals",
                json: [
                    "channel": "web", "regionCode": "KG-N", "categoryCode": "education", "language": "en",
                    "description": "The local school refuses to enrol my daughter.", "consent": ["contact": false, "publication": true],
                ])
            let receipt = try sent.decoded(as: Receipt.self)
            let appealID = receipt.id
            let appeal = "/api/v1/appeals/\(appealID)"
            try await g.expect(.ok, .post, appeal + "/transitions", token: admin, json: ["to": "in_verification"], ifMatchOf: appeal)
            try await g.expect(
                .ok, .post, appeal + "/verification", token: admin,
                json: ["sourcesChecked": ["school"], "evidenceNotes": "", "outcome": "confirmed"], ifMatchOf: appeal)
            try await g.expect(.ok, .post, appeal + "/transitions", token: admin, json: ["to": "verified"], ifMatchOf: appeal)
            try await g.expect(
                .ok, .post, appeal + "/publication", token: admin,
                json: ["title": ["en": "School refusal"], "summary": ["en": "A school refused to enrol a pupil."]], ifMatchOf: appeal)

            let show = try await g.expect(
                .created, .post, "/api/v1/broadcasts/shows", token: admin,
                json: ["title": ["en": "The rights hour"], "format": "tv", "language": "ru", "regularSlot": "FREQ=WEEKLY;BYDAY=TU"])
            let episode = try await g.expect(
                .created, .post, "/api/v1/broadcasts/episodes", token: admin,
                json: ["showId": show, "theme": ["en": "Schools"], "startsAt": "2027-03-09T13:00:00Z", "durationMinutes": 60, "regionCode": "KG-GB"])
            let path = "/api/v1/broadcasts/episodes/\(episode)"
            let guest = try await g.expect(
                .created, .post, path + "/guests", token: admin,
                json: ["kind": "person", "name": "Ombudsman", "role": "ombudsman", "status": "confirmed", "consentToRecording": true], ifMatchOf: path)
            for status in ["announced", "intake_open"] {
                try await g.expect(.ok, .post, path + "/transitions", token: admin, json: ["to": status], ifMatchOf: path)
            }
            let question = try await g.expect(
                .created, .post, path + "/questions/import", token: admin, json: ["appealId": appealID, "language": "en"])
            try await g.expect(.ok, .post, path + "/transitions", token: admin, json: ["to": "live"], ifMatchOf: path)
            let questionPath = path + "/questions/\(question)"
            for state in ["approved", "queued", "on_air", "answered"] {
                try await g.expect(.ok, .post, questionPath + "/transitions", token: admin, json: ["to": state], ifMatchOf: questionPath)
            }
            try await g.expect(.ok, .post, path + "/transitions", token: admin, json: ["to": "ended"], ifMatchOf: path)
            try await g.expect(.ok, .patch, path, token: admin, json: ["replayUrl": "https://media.example.kg/ep/7"], ifMatchOf: path)
            try await g.expect(.ok, .post, path + "/transitions", token: admin, json: ["to": "published"], ifMatchOf: path)
            let answer = try await g.expect(
                .created, .post, path + "/answers", token: admin,
                json: [
                    "questionId": question, "startSecond": 754, "endSecond": 900, "guestId": guest, "adviceType": "legal_opinion",
                    "summary": ["en": "The school must enrol the pupil."], "legalReferences": [["law": "Law on Education", "article": "4"]],
                ])
            try await g.expect(
                .ok, .post, "/api/v1/broadcasts/answers/\(answer)/transitions", token: admin, json: ["to": "legal_review"],
                ifMatchOf: "/api/v1/broadcasts/answers/\(answer)")
            return (receipt.trackingCode, answer)
        }

        // Appeals is down: the lawyer approves; the fact waits in broadcasts' outbox, tried and kept.
        try await g.expect(
            .ok, .post, "/api/v1/broadcasts/answers/\(answer)/transitions", token: lawyer, json: ["to": "approved"],
            ifMatchOf: "/api/v1/broadcasts/answers/\(answer)")
        #expect(try await Self.eventually { try await Self.outbox(of: broadcasts).attempts >= 2 })
        #expect(try await Self.outbox(of: broadcasts).delivered == 0)

        // Appeals' second life, on the same data and address: the fact arrives, once.
        try await ServiceHarness.serve(AppealsService.definition, database: appeals, port: port) {
            #expect(try await Self.eventually { try await Self.outbox(of: broadcasts).delivered == 1 })
            #expect(try await Self.outbox(of: broadcasts).total == 1)
            let tracking = try await g.send(.post, "/api/v1/appeals/track", json: ["code": code]).decoded(as: Tracking.self)
            #expect(tracking.status == "answered")
            #expect(tracking.responses.count == 1)
            #expect(tracking.responses.first?.channel == "broadcast")
            #expect(tracking.responses.first?.onAir?.replayURL == "https://media.example.kg/ep/7#t=754")
            #expect(tracking.responses.first?.onAir?.summary == ["en": "The school must enrol the pupil."])

            // The tracking page, in the appellant's language, with the replay link at the timecode.
            let browser = PageVisitor(g.client)
            try await browser.open("/track?lang=en")
            let page = try await browser.submit("/track", [("code", code)])
            #expect(page.status == .ok)
            #expect(page.text.contains("Answered on air"))
            #expect(page.text.contains("The rights hour"))
            #expect(page.text.contains(#"href="https://media.example.kg/ep/7#t=754""#))
        }
    }
}
