import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// The wall's upvotes and its live script, through the gateway.
extension BroadcastPagesTests {
    /// Two browsers behind the operators' proxy (two clients to the gateway) each get one vote for a question on the
    /// wall: the page's call to the API carries the visitor's own client key, not the gateway's. A second vote is a
    /// notice on the wall after the redirect, not an error page; a form from elsewhere is refused.
    @Test(arguments: TestDatabases.kinds)
    func twoBrowsersEachUpvoteOnceAndARepeatIsANoticeOnTheWall(kind: DatabaseKind) async throws {
        try await BroadcastPages.with(kind, gatewaySetup: .live, gatewaySettings: ["gateway.trusted.proxies": "127.0.0.1"]) { site in
            let admin = try await site.api.token()
            let episode = try await site.openEpisode(admin: admin)
            let asked = try await site.api.send(
                .post, "/api/v1/broadcasts/questions", json: ["episodeId": episode, "text": "Когда поднимут пенсии?", "language": "ru"])
            let question = try asked.decoded(as: Receipt.self).question.id.lowercased()
            try await site.moveQuestion(question, of: episode, through: ["approved"], admin: admin)
            let wall = "/broadcasts/episodes/\(episode)"
            let first = PageVisitor(site.gateway, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.5"])
            let second = PageVisitor(site.gateway, headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.7"])
            func upvote(_ browser: PageVisitor) async throws -> TestResponse {
                _ = try await browser.open(wall + "?lang=ru")
                return try await browser.submit(wall + "/upvotes", [("questionId", question)])
            }
            let counted = try await upvote(first)
            #expect(counted.status == .seeOther && counted.headers[.location] == wall + "?notice=counted#wall")
            let shown = try await first.open(wall + "?notice=counted&lang=ru")
            #expect(shown.text.contains("Спасибо: ваша поддержка учтена.") && Self.upvotes(of: question, in: shown.text) == 1)
            let repeated = try await upvote(first)
            #expect(repeated.status == .seeOther && repeated.headers[.location] == wall + "?notice=repeated#wall")
            let notice = try await first.open(wall + "?notice=repeated&lang=ru")
            #expect(notice.status == .ok && notice.text.contains("Вы уже поддержали этот вопрос.") && Self.upvotes(of: question, in: notice.text) == 1)
            let other = try await upvote(second)
            #expect(other.headers[.location] == wall + "?notice=counted#wall")
            #expect(Self.upvotes(of: question, in: try await second.open(wall).text) == 2, "each browser has one vote")
            // A question not on the wall, and a notice the page does not know, say nothing wrong.
            let gone = try await second.submit(wall + "/upvotes", [("questionId", UUID().uuidString)])
            #expect(gone.headers[.location] == wall + "?notice=refused#wall")
            #expect(!(try await second.open(wall + "?notice=bogus&lang=ru").text.contains(#"<p class="notice" role="status">"#)))
            let forged = try await second.submit(wall + "/upvotes", [("questionId", question), ("csrf", "forged")])
            #expect(forged.status == .forbidden)
            #expect(Self.upvotes(of: question, in: try await second.open(wall).text) == 2)
        }
    }

    /// While the episode takes questions, the wall names its live stream and loads the wall's own script, which the
    /// site serves; the pages' policy lets a script connect to the site (the stream) and nowhere else.
    @Test(arguments: TestDatabases.kinds)
    func theOpenWallLoadsItsScriptAndThePolicyLetsItFollowTheStream(kind: DatabaseKind) async throws {
        try await BroadcastPages.with(kind) { site in
            let admin = try await site.api.token()
            let episode = try await site.openEpisode(admin: admin)
            let visitor = PageVisitor(site.gateway)
            let page = try await visitor.open("/broadcasts/episodes/\(episode)")
            #expect(page.text.contains(#"data-live="/api/v1/broadcasts/episodes/\#(episode)/live""#))
            #expect(page.text.contains(#"<script src="/static/wall.js" defer></script>"#) && page.text.contains(#"<template id="wall-item">"#))
            let policy = page.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("connect-src 'self'") && policy.contains("script-src 'self'") && !policy.contains("unsafe"))
            let script = try await visitor.open("/static/wall.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("new EventSource(") && script.text.contains("textContent") && !script.text.contains("innerHTML"))
        }
    }

    /// The count a wall item shows for `question` in `html`.
    static func upvotes(of question: String, in html: String) -> Int? {
        guard let item = html.range(of: #"<li id="q-\#(question)">"#),
            let count = html[item.upperBound...].range(of: #"<span class="wall-upvotes">"#)
        else { return nil }
        return Int(html[count.upperBound...].prefix { $0.isNumber })
    }
}
