import Broadcasts
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// The public broadcast pages with broadcasts and the gateway running: the upcoming episodes a producer announced,
/// with their show, start in Bishkek, format and sign language; neither a planned nor a cancelled one.
@Suite struct BroadcastPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func thePublicFindsTheAnnouncedEpisodesWithTheirShows(kind: DatabaseKind) async throws {
        try await BroadcastPages.with(kind) { site in
            let api = site.api
            let admin = try await api.token()
            let show = try await api.expect(
                .created, .post, "/api/v1/broadcasts/shows", token: admin,
                json: [
                    "title": ["ky": "Омбудсмен жооп берет", "ru": "Омбудсмен отвечает", "en": "The Ombudsman answers"], "format": "tv",
                    "language": "ru", "signLanguage": true,
                ])
            let announced = try await site.episode(show, theme: ["ru": "Пенсии по инвалидности", "ky": "Майыптык боюнча пенсиялар"], admin: admin)
            try await site.move(announced, to: "announced", admin: admin)
            let planned = try await site.episode(show, theme: ["ru": "Ещё не объявлен"], admin: admin)
            let cancelled = try await site.episode(show, theme: ["ru": "Отменённый эфир"], admin: admin)
            try await site.move(cancelled, to: "announced", admin: admin)
            try await site.move(cancelled, to: "cancelled", admin: admin, reason: "The studio is closed")

            let visitor = PageVisitor(site.gateway)
            let list = try await visitor.open("/broadcasts?lang=ru")
            #expect(list.status == .ok)
            #expect(list.text.contains(#"href="/broadcasts/episodes/\#(announced)""#) && list.text.contains("Пенсии по инвалидности"))
            #expect(list.text.contains("Омбудсмен отвечает") && list.text.contains("Телевидение") && list.text.contains("С сурдопереводом"))
            #expect(list.text.contains(#"<time datetime="2027-03-09T13:00:00Z">"#) && list.text.contains("19:00"), "Bishkek time, not UTC")
            #expect(list.text.contains(#"href="/api/v1/broadcasts/schedule.ics?lang=ru""#))
            #expect(!list.text.contains(planned) && !list.text.contains(cancelled), "neither planned nor cancelled episodes")
            let kyrgyz = try await visitor.open("/broadcasts?lang=ky")
            #expect(kyrgyz.text.contains("Майыптык боюнча пенсиялар") && kyrgyz.text.contains("Омбудсмен жооп берет"))
            // The episode's page: its show and the wall of approved questions, a strict episode's others not shown.
            try await site.move(announced, to: "intake_open", admin: admin)
            let asked = try await api.send(
                .post, "/api/v1/broadcasts/questions", json: ["episodeId": announced, "text": "Сохранится ли пенсия <если> я работаю?", "language": "ru"])
            #expect(asked.status == .created, "\(asked.text)")
            let approved = try asked.decoded(as: Receipt.self).question.id.lowercased()
            try await api.expect(
                .created, .post, "/api/v1/broadcasts/questions", token: nil, json: ["episodeId": announced, "text": "Ещё не проверен", "language": "ru"])
            let question = "/api/v1/broadcasts/episodes/\(announced)/questions/\(approved)"
            try await api.expect(.ok, .post, question + "/transitions", token: admin, json: ["to": "approved"], ifMatchOf: question)
            let page = try await visitor.open("/broadcasts/episodes/\(announced)?lang=ru")
            #expect(page.status == .ok && page.text.contains("Пенсии по инвалидности") && page.text.contains("Омбудсмен отвечает"))
            #expect(page.text.contains("Сохранится ли пенсия &lt;если&gt; я работаю?") && page.text.contains(#"id="q-\#(approved)""#))
            #expect(!page.text.contains("Ещё не проверен"), "a strict episode's wall shows approved questions only")
            #expect(try await visitor.open("/broadcasts/episodes/\(planned)").status == .notFound, "not announced")
            #expect(try await visitor.open("/broadcasts/episodes/\(UUID().uuidString.lowercased())").status == .notFound)
            // Navigation and the home page's open data lead to the list.
            let home = try await visitor.open("/?lang=en")
            #expect(home.text.contains(#"<a href="/broadcasts">Broadcasts</a>"#))
            #expect(home.text.contains(#"<a href="/broadcasts">Schedule of live broadcasts with the Ombudsman</a>"#))
        }
    }

    /// The public question intake's answer: the question, its ID within.
    struct Receipt: Decodable {
        struct Question: Decodable { let id: String }
        let question: Question
    }

    @Test func theCataloguesNameEveryVocabularyTheBroadcastPagesShow() throws {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/Web/Sources/Resources")
        for name in ["ky.json", "ru.json", "en.json"] {
            let catalogue = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: resources.appendingPathComponent(name)))
            let statuses = ["planned", "announced", "intake_open", "live", "ended", "published", "cancelled", "rescheduled"]
            let keys = statuses.map { "broadcast_status_\($0)" } + ["tv", "radio", "online"].map { "broadcast_format_\($0)" }
            #expect(keys.allSatisfy { catalogue[$0] != nil }, "\(name) lacks \(keys.filter { catalogue[$0] == nil })")
        }
    }
}

/// Broadcasts on a port of its own behind a gateway driven in-process.
struct BroadcastPages {
    let gateway: any TestClientProtocol
    var api: BroadcastAnswerEndToEndTests.Client { .init(client: gateway) }

    /// Runs `body` with broadcasts and a gateway on `kind`; the gateway in-process unless `gatewaySetup` says
    /// otherwise (`.live` behind a trusted proxy tells browsers apart by `X-Forwarded-For`), with `gatewaySettings`.
    static func with(
        _ kind: DatabaseKind, gatewaySetup: TestingSetup = .router, gatewaySettings: [String: String] = [:],
        _ body: @Sendable (BroadcastPages) async throws -> Void
    ) async throws {
        try await ServiceHarness.run(BroadcastsService.definition, on: kind, setup: .live) { broadcasts in
            try await ServiceHarness.runGateway(
                GatewayService.definition, inFrontOf: [broadcasts], on: kind, settings: gatewaySettings, setup: gatewaySetup
            ) { gateway in
                try await body(BroadcastPages(gateway: gateway.client))
            }
        }
    }

    /// A new strict episode of `show` on 9 March 2027, 19:00 to 20:00 in Bishkek; its ID.
    func episode(_ show: String, theme: [String: String], admin: String) async throws -> String {
        try await api.expect(
            .created, .post, "/api/v1/broadcasts/episodes", token: admin,
            json: [
                "showId": show, "theme": theme, "startsAt": "2027-03-09T13:00:00Z", "durationMinutes": 60,
                "streamUrl": "https://live.example.org/ombudsman", "moderationMode": "strict",
            ]
        ).lowercased()
    }

    /// A new strict episode of a new show that takes questions now; its ID.
    func openEpisode(admin: String) async throws -> String {
        let show = try await api.expect(
            .created, .post, "/api/v1/broadcasts/shows", token: admin,
            json: ["title": ["ru": "Омбудсмен отвечает"], "format": "radio", "language": "ru", "signLanguage": false])
        let episode = try await self.episode(show, theme: ["ru": "Право на жильё"], admin: admin)
        for status in ["announced", "intake_open"] { try await move(episode, to: status, admin: admin) }
        return episode
    }

    /// Moves question `question` of `episode` through `states`, as a moderator.
    func moveQuestion(_ question: String, of episode: String, through states: [String], admin: String) async throws {
        let path = "/api/v1/broadcasts/episodes/\(episode)/questions/\(question)"
        for state in states {
            try await api.expect(.ok, .post, path + "/transitions", token: admin, json: ["to": state], ifMatchOf: path)
        }
    }

    /// The hidden field `name`'s value in page `html`.
    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Moves episode `id` to `status`, with `reason` when calling it off.
    func move(_ id: String, to status: String, admin: String, reason: String? = nil) async throws {
        var fields: [String: Any] = ["to": status]
        fields["reason"] = reason
        let path = "/api/v1/broadcasts/episodes/\(id)"
        try await api.expect(.ok, .post, path + "/transitions", token: admin, json: fields, ifMatchOf: path)
    }
}
