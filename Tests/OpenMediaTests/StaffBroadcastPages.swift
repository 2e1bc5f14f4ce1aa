import Appeals
import Broadcasts
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// Broadcasts on a port of its own behind a gateway driven in-process, with a show and the admin's token at hand.
struct StaffBroadcastPages {
    let gateway: any TestClientProtocol
    let admin: String
    let show: String
    var api: BroadcastAnswerEndToEndTests.Client { .init(client: gateway) }
    var staff: StaffPages { StaffPages(gateway: gateway) }

    static func with(_ kind: DatabaseKind, _ body: @Sendable (StaffBroadcastPages) async throws -> Void) async throws {
        try await ServiceHarness.run(BroadcastsService.definition, on: kind, setup: .live) { broadcasts in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [broadcasts], on: kind) { gateway in
                try await body(try await started(gateway.client))
            }
        }
    }

    /// Appeals, broadcasts asking it for appeals' summaries, and the gateway in front of both.
    static func withAppeals(_ kind: DatabaseKind, _ body: @Sendable (StaffBroadcastPages) async throws -> Void) async throws {
        try await ServiceHarness.run(AppealsService.definition, on: kind, setup: .live) { appeals in
            let settings = ["services.appeals.url": try appeals.url]
            try await ServiceHarness.run(BroadcastsService.definition, on: kind, settings: settings, setup: .live) { broadcasts in
                try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals, broadcasts], on: kind) { gateway in
                    try await body(try await started(gateway.client))
                }
            }
        }
    }

    /// The scene on `gateway`: the admin signed in and a show.
    static func started(_ gateway: any TestClientProtocol) async throws -> StaffBroadcastPages {
        let api = BroadcastAnswerEndToEndTests.Client(client: gateway)
        let admin = try await api.token()
        let show = try await api.expect(
            .created, .post, "/api/v1/broadcasts/shows", token: admin,
            json: ["title": ["ru": "Омбудсмен отвечает", "en": "The Ombudsman answers"], "format": "tv", "language": "ru", "signLanguage": false])
        return StaffBroadcastPages(gateway: gateway, admin: admin, show: show.lowercased())
    }

    /// A new planned strict episode of the show on 9 March 2027, 19:00 to 20:00 in Bishkek; its ID.
    func episode(theme: [String: String]) async throws -> String {
        try await api.expect(
            .created, .post, "/api/v1/broadcasts/episodes", token: admin,
            json: [
                "showId": show, "theme": theme, "startsAt": "2027-03-09T13:00:00Z", "durationMinutes": 60,
                "streamUrl": "https://live.example.org/ombudsman", "moderationMode": "strict",
            ]
        ).lowercased()
    }

    /// A browser signed in as a new user with `roles`.
    func browser(roles: [String]) async throws -> PageVisitor {
        let user = try await staff.user(roles: roles)
        let browser = PageVisitor(gateway)
        try await staff.signIn(browser, user.email, next: "/staff/broadcasts")
        return browser
    }

    /// Opens the episode's page and sends its `move` form with `fields`, expecting the 303 back to the page.
    func move(_ browser: PageVisitor, _ path: String, _ move: String, _ fields: [(String, String)]) async throws {
        let page = try await browser.open(path)
        #expect(page.text.contains(#"action="\#(path)/moves/\#(move)""#), "no \(move) form")
        let status = try #require(page.text.firstMatch(of: /name="status" value="([a-z_]+)"/)).1
        let answer = try await browser.submit(
            "\(path)/moves/\(move)", [("version", try StaffAppealPagesTests.version(in: page.text)), ("status", String(status))] + fields)
        #expect(answer.status == .seeOther && answer.headers[.location] == path, "\(move): \(answer.status) \(answer.text.suffix(3000))")
    }

    /// Moves the episode `id` along `steps` through the API.
    func open(_ id: String, to steps: [String]) async throws {
        let path = "/api/v1/broadcasts/episodes/\(id)"
        for step in steps { try await api.expect(.ok, .post, path + "/transitions", token: admin, json: ["to": step], ifMatchOf: path) }
    }

    /// A question asked of episode `id` by the public, with a name and phone when given; its ID.
    func ask(_ id: String, _ text: String, name: String? = nil, phone: String? = nil) async throws -> String {
        var fields: [String: Any] = ["episodeId": id, "text": text, "language": "ru"]
        fields["name"] = name
        fields["phone"] = phone
        let asked = try await api.send(.post, "/api/v1/broadcasts/questions", json: fields)
        guard asked.status == .created else { throw BroadcastAnswerEndToEndTests.Failure("asking: \(asked.text)") }
        return try asked.decoded(as: Receipt.self).question.id.lowercased()
    }

    /// What intake answers, as far as the tests need it.
    struct Receipt: Decodable {
        struct Asked: Decodable { let id: String }
        let question: Asked
    }

    /// A question as the admin reads it.
    struct Question: Decodable {
        let id: String
        let text: String
        let state: String
        let mergeCount: Int
        let version: Int
    }

    /// Episode `id`'s questions in `state`, in the moderator's order.
    func questions(_ id: String, state: String) async throws -> [Question] {
        struct Page: Decodable { let items: [Question] }
        let page = try await api.send(.get, "/api/v1/broadcasts/episodes/\(id)/questions?state=\(state)", token: admin)
        return try page.decoded(as: Page.self).items.map {
            Question(id: $0.id.lowercased(), text: $0.text, state: $0.state, mergeCount: $0.mergeCount, version: $0.version)
        }
    }

    /// The `If-Match` of question `question` of episode `id` now.
    func questionVersion(_ id: String, _ question: String) async throws -> String {
        try await api.send(.get, "/api/v1/broadcasts/episodes/\(id)/questions/\(question)", token: admin).headers[.eTag] ?? ""
    }

    /// Opens the queue and sends `change` of `question` with the version the queue shows and `fields`, expecting the
    /// 303 back to the queue at the question.
    func change(_ browser: PageVisitor, _ id: String, _ question: String, _ change: String, _ fields: [(String, String)]) async throws {
        let queue = "/staff/broadcasts/episodes/\(id)/queue"
        let page = try await browser.open(queue)
        let action = #"action="\#(queue)/\#(question)/\#(change)""#
        #expect(page.text.contains(action), "no \(change) form for \(question)")
        let after = try #require(page.text.range(of: action).map { page.text[$0.upperBound...] })
        let version = try #require(after.firstMatch(of: /name="version" value="([^"]*)"/)).1.replacingOccurrences(of: "&quot;", with: "\"")
        let answer = try await browser.submit("\(queue)/\(question)/\(change)", [("version", version)] + fields)
        #expect(
            answer.status == .seeOther && answer.headers[.location] == "\(queue)#q-\(question)", "\(change): \(answer.status) \(answer.text.suffix(3000))")
    }

    /// Moves question `question` of episode `id` to `state` through the API, as the admin.
    func moveQuestion(_ id: String, _ question: String, to state: String) async throws {
        let path = "/api/v1/broadcasts/episodes/\(id)/questions/\(question)"
        try await api.expect(.ok, .post, path + "/transitions", token: admin, json: ["to": state], ifMatchOf: path)
    }

    /// Opens the answer's page and sends its review form with `fields` and the version shown, expecting the 303 back.
    func review(_ browser: PageVisitor, _ answerPath: String, _ fields: [(String, String)]) async throws {
        let page = try await browser.open(answerPath)
        let answer = try await browser.submit(answerPath + "/review", [("version", try StaffAppealPagesTests.version(in: page.text))] + fields)
        #expect(answer.status == .seeOther && answer.headers[.location] == answerPath, "review: \(answer.status) \(answer.text.suffix(3000))")
    }
}
