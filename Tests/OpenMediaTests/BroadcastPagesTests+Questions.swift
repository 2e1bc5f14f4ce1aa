import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// The question form on an episode page, its receipt and "my question", through the gateway.
extension BroadcastPagesTests {
    /// A citizen asks on the episode page: a wrong form comes back with the messages by their fields in Russian and
    /// everything typed kept; the right one gives the receipt with the code, once even on a double click, never in an
    /// address; the code in "my question" shows where the question stands and the text the wall shows.
    @Test(arguments: TestDatabases.kinds)
    func aCitizenAsksOnTheEpisodePageAndFollowsTheQuestionByItsCode(kind: DatabaseKind) async throws {
        try await BroadcastPages.with(kind) { site in
            let admin = try await site.api.token()
            let episode = try await site.openEpisode(admin: admin)
            let visitor = PageVisitor(site.gateway)
            let page = try await visitor.open("/broadcasts/episodes/\(episode)?lang=ru")
            #expect(page.text.contains(#"action="/broadcasts/episodes/\#(episode)/questions""#) && page.text.contains("Задайте свой вопрос"))
            let key = try #require(BroadcastPages.hiddenValue("idempotencyKey", in: page.text))

            // Wrong: no question, a phone with letters, a contact without its consent, sex without its consent.
            let wrong = try await visitor.submit(
                "/broadcasts/episodes/\(episode)/questions",
                [("text", " "), ("phone", "call me <maybe>"), ("name", "Айгуль"), ("sex", "female"), ("region", "KG-N"), ("idempotencyKey", key)])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Напишите вопрос, не более 4000 знаков.") && wrong.text.contains(#"id="f-text-error""#))
            #expect(wrong.text.contains("Укажите телефон только цифрами") && wrong.text.contains(#"value="call me &lt;maybe&gt;""#))
            #expect(wrong.text.contains("Отметьте согласие на хранение контактов") && wrong.text.contains(#"value="Айгуль""#))
            #expect(wrong.text.contains(#"id="f-sex-error""#) && wrong.text.contains(#"<option value="KG-N" selected>"#))

            // Right: the receipt is this POST's own answer, not stored, with the code grouped and in a field to copy.
            let fields = [
                ("text", "Могут ли выселить <семью> зимой?"), ("name", "Айгуль"), ("phone", "+996 555 123 456"), ("consent.contact", "on"),
                ("sex", "female"), ("consent.sex", "on"), ("ageBand", "30_44"), ("consent.ageBand", "on"), ("region", "KG-N"),
                ("topic", "housing_utilities"), ("language", "ru"), ("idempotencyKey", key),
            ]
            let receipt = try await visitor.submit("/broadcasts/episodes/\(episode)/questions", fields)
            #expect(receipt.status == .ok, "\(receipt.text)")
            #expect(receipt.headers[.cacheControl] == "no-store" && receipt.headers[.location] == nil)
            #expect(receipt.text.contains("Ваш вопрос получен") && receipt.text.contains("Получен, ждёт модератора"))
            #expect(receipt.text.contains("Могут ли выселить &lt;семью&gt; зимой?") && receipt.text.contains(#"src="/static/copy.js""#))
            let code = try #require(Self.code(in: receipt.text))
            #expect(code.count == 12 && receipt.text.contains("<span>\(code.prefix(4))</span>"))
            // A double click: the second sending is the API's replay, and the same browser sees the same code.
            let again = try await visitor.submit("/broadcasts/episodes/\(episode)/questions", fields)
            #expect(again.status == .ok && Self.code(in: again.text) == code)

            // "My question": the code in a POST body; a wrong code says so by the field.
            let form = try await visitor.open("/broadcasts/my-question?lang=ru")
            #expect(form.status == .ok && form.text.contains(#"action="/broadcasts/my-question""#))
            let unknown = try await visitor.submit("/broadcasts/my-question", [("code", "ZZZZ-ZZZZ-ZZ")])
            #expect(unknown.status == .notFound && unknown.text.contains("Вопроса с таким кодом нет"))
            let pending = try await visitor.submit("/broadcasts/my-question", [("code", code.lowercased())])
            #expect(pending.status == .ok && pending.text.contains("Получен, ждёт модератора") && pending.text.contains("Право на жильё"))
            // The moderator rewrites it for the audience and approves it: the author sees both texts and the state.
            let questions = try await site.api.send(.get, "/api/v1/broadcasts/episodes/\(episode)/questions", token: admin)
            let id = try #require(try questions.decoded(as: QuestionList.self).items.first?.id.lowercased())
            let path = "/api/v1/broadcasts/episodes/\(episode)/questions/\(id)"
            try await site.api.expect(.ok, .patch, path, token: admin, json: ["publicText": "Можно ли выселить семью зимой?"], ifMatchOf: path)
            try await site.moveQuestion(id, of: episode, through: ["approved"], admin: admin)
            let approved = try await visitor.submit("/broadcasts/my-question", [("code", code)])
            #expect(approved.text.contains("Одобрен, показан на стене") && approved.text.contains("Можно ли выселить семью зимой?"))
            #expect(approved.text.contains("Что вы написали") && approved.text.contains("Могут ли выселить &lt;семью&gt; зимой?"))
            #expect(!approved.text.contains("Айгуль") && !approved.text.contains("555"), "the contact is never shown back")
            // Another site's form is refused.
            let forged = try await visitor.submit("/broadcasts/my-question", [("code", code), ("csrf", "forged")])
            #expect(forged.status == .forbidden && !forged.text.contains("Одобрен"))
        }
    }

    /// An episode that does not take questions shows no form; a question sent just as intake closed comes back as a
    /// notice where the form was.
    @Test(arguments: TestDatabases.kinds)
    func anEpisodeThatTakesNoQuestionsShowsNoFormAndSaysSo(kind: DatabaseKind) async throws {
        try await BroadcastPages.with(kind) { site in
            let admin = try await site.api.token()
            let episode = try await site.openEpisode(admin: admin)
            let visitor = PageVisitor(site.gateway)
            let open = try await visitor.open("/broadcasts/episodes/\(episode)?lang=en")
            let key = try #require(BroadcastPages.hiddenValue("idempotencyKey", in: open.text))
            try await site.move(episode, to: "live", admin: admin)
            try await site.move(episode, to: "ended", admin: admin)
            let closed = try await visitor.submit("/broadcasts/episodes/\(episode)/questions", [("text", "Too late?"), ("idempotencyKey", key)])
            #expect(closed.status == .conflict && closed.text.contains("This broadcast no longer takes questions."))
            #expect(!closed.text.contains(#"name="text""#))
            let page = try await visitor.open("/broadcasts/episodes/\(episode)?lang=en")
            #expect(!page.text.contains("Ask your question") && !page.text.contains("wall.js") && !page.text.contains(#"name="csrf""#))
        }
    }

    /// The code of a receipt page: the value of its copy field.
    static func code(in html: String) -> String? {
        guard let range = html.range(of: #"id="tracking-code" class="code" type="text" readonly value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// An episode's questions as staff list them.
    struct QuestionList: Decodable {
        struct Item: Decodable { let id: String }
        let items: [Item]
    }
}
