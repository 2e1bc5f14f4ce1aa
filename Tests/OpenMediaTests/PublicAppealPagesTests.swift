import Appeals
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import TestSupport
import Testing

/// The public appeal pages through a gateway with appeals behind it: a citizen sends an appeal through the
/// form (messages in their language next to the fields, nothing they typed lost), reads the receipt's code,
/// tracks the appeal with it, and, once a coordinator publishes it, finds it on the list and its page.
@Suite struct PublicAppealPagesTests {
    static let coordinator = TestIdentity.principal([.coordinator])

    /// A valid appeal as the form sends it, with `extra` fields replacing or adding to it.
    static func form(key: String, _ extra: [(String, String)] = []) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("idempotencyKey", key), ("categoryCode", "education"), ("regionCode", "KG-N"), ("locality", "Ат-Башы"),
            ("description", "Мою дочь не берут в школу <b>без взятки</b>."), ("submitter.phone", "+996 555 123 456"),
            ("consent.contact", "yes"), ("consent.publication", "yes"), ("submitter.gender", "female"),
            ("submitter.vulnerableGroups.rural_residents", "yes"),
        ]
        for (name, value) in extra {
            fields.removeAll { $0.0 == name }
            fields.append((name, value))
        }
        return fields
    }

    /// The value of the input with `id` in `html` (`name:` for a hidden input, which has no ID).
    static func inputValue(_ id: String, name: String? = nil, in html: String) -> String? {
        guard let element = html.range(of: name.map { #"name="\#($0)""# } ?? #"id="\#(id)""#) else { return nil }
        let rest = html[element.upperBound...].prefix { $0 != ">" }
        guard let value = rest.range(of: #"value=""#) else { return nil }
        return String(rest[value.upperBound...].prefix { $0 != "\"" })
    }

    @Test(arguments: TestDatabases.kinds)
    func aCitizenSendsAnAppealTracksItAndFindsItPublished(kind: DatabaseKind) async throws {
        let logs = LogCapture()
        try await ServiceHarness.run(AppealsService.definition, on: kind, setup: .live, logs: logs) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], on: kind, logs: logs) { gateway in
                let browser = PageVisitor(gateway.client)
                let form = try await browser.open("/appeals/new?lang=ru")
                #expect(form.status == .ok)
                #expect(form.text.contains("Отправить обращение") && form.text.contains(#"<option value="education">Образование</option>"#))
                #expect(form.text.contains(#"autocomplete="tel""#) && form.text.contains(#"<label for="f-submitter_phone">"#))
                let firstKey = try #require(Self.inputValue("", name: "idempotencyKey", in: form.text))

                // Bad input: appeals' field errors, in Russian, next to their fields, and everything typed kept.
                let bad = try await browser.submit(
                    "/appeals/new", Self.form(key: firstKey, [("description", "   "), ("submitter.phone", "звоните мне")]))
                #expect(bad.status == .unprocessableContent)
                #expect(bad.text.contains(#"<p class="field-error" id="f-description-error">Опишите, что произошло.</p>"#))
                #expect(bad.text.contains(#"<p class="field-error" id="f-submitter_phone-error">Введите номер телефона"#))
                #expect(bad.text.contains(##"<a href="#f-submitter_phone">"##), "the summary links to the field")
                #expect(Self.inputValue("f-submitter_phone", in: bad.text) == "звоните мне")
                #expect(Self.inputValue("f-locality", in: bad.text) == "Ат-Башы")
                #expect(bad.text.contains(#"<option value="education" selected>"#) && bad.text.contains(#"<option value="KG-N" selected>"#))
                #expect(bad.text.contains(#"name="submitter.vulnerableGroups.rural_residents" type="checkbox" value="yes" checked"#))
                #expect(bad.text.contains(#"<option value="female" selected>"#))
                #expect(!bad.text.contains("must"), "no English message of the API on a Russian page")
                // A region that is not one: appeals refuses the field by its path, the page says it in Russian.
                let noRegion = try await browser.submit("/appeals/new", Self.form(key: firstKey + "x", [("regionCode", "")]))
                #expect(noRegion.status == .unprocessableContent && noRegion.text.contains("Выберите регион, где это произошло."))
                // Without a region and a description: both messages at once, not the region's alone first.
                let neither = try await browser.submit("/appeals/new", Self.form(key: firstKey + "y", [("regionCode", ""), ("description", "")]))
                #expect(neither.text.contains(#"id="f-regionCode-error""#) && neither.text.contains(#"id="f-description-error""#))

                // A good appeal: the receipt, as the POST's own answer, with the code to read and to copy.
                let key = try #require(Self.inputValue("", name: "idempotencyKey", in: bad.text))
                #expect(key != firstKey, "a form shown again is a new sending")
                let receipt = try await browser.submit("/appeals/new", Self.form(key: key))
                #expect(receipt.status == .ok && receipt.text.contains("Ваше обращение получено"))
                #expect(receipt.headers[.cacheControl] == "no-store" && receipt.headers[.location] == nil)
                let code = try #require(Self.inputValue("tracking-code", in: receipt.text))
                #expect(code.wholeMatch(of: /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) != nil)
                #expect(receipt.text.contains(#"<p class="tracking-code" aria-hidden="true"><span>\#(code.prefix(4))</span>"#))
                #expect(receipt.text.contains(#"readonly value="\#(code)""#) && receipt.text.contains(#"<script src="/static/copy.js" defer></script>"#))
                let script = try await browser.open("/static/copy.js")
                #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
                // A double click sends the form's key twice: one appeal, and the answer the browser shows, the
                // second, still has the code (appeals' replay has none; the site kept it for this browser).
                let again = try await browser.submit("/appeals/new", Self.form(key: key))
                #expect(again.status == .ok && Self.inputValue("tracking-code", in: again.text) == code)
                // Another browser sending the same form learns nothing but that it was received.
                let other = PageVisitor(gateway.client)
                try await other.open("/appeals/new?lang=ru")
                let replayed = try await other.submit("/appeals/new", Self.form(key: key))
                #expect(replayed.status == .ok && replayed.text.contains("Эта форма уже была отправлена") && !replayed.text.contains(code))
                let staffList = try await appeals.send(.get, "/api/v1/appeals", as: Self.coordinator).decoded(as: StaffList.self)
                #expect(staffList.items.count == 1)
                let appealID = try #require(staffList.items.first?.id)

                // Tracking: by the code in any case, in the body of a form, never in an address.
                let trackForm = try await browser.open("/track")
                #expect(trackForm.status == .ok && trackForm.text.contains(#"action="/track""#))
                let tracked = try await browser.submit("/track", [("code", code.lowercased())])
                #expect(tracked.status == .ok && tracked.text.contains("<strong>Получено</strong>"))
                // Appeals' own English note on receipt is said in the page's language.
                #expect(tracked.text.contains("Обращение получено.") && !tracked.text.contains("Appeal received."))
                #expect(tracked.headers[.cacheControl] == "no-store")
                let wrong = try await browser.submit("/track", [("code", "AAAA-BBBB-CCCC")])
                #expect(wrong.status == .notFound && wrong.text.contains("Обращения с таким кодом нет."))
                #expect(Self.inputValue("code", in: wrong.text) == "AAAA-BBBB-CCCC")
                let empty = try await browser.submit("/track", [("code", " ")])
                #expect(empty.status == .unprocessableContent && empty.text.contains("Введите код отслеживания."))

                // A coordinator publishes it through the API; the public list and its page show it.
                for step in ["in_verification", "verified"] {
                    #expect(try await Self.change(appeals, appealID, "/transitions", ["to": step]).status == .ok)
                }
                let publication = try await Self.change(
                    appeals, appealID, "/publication",
                    ["title": ["ru": "Школу обязали принять девочку"], "summary": ["ru": "Дело передано в управление образования."]])
                #expect(publication.status == .ok)
                let list = try await browser.open("/appeals")
                #expect(list.status == .ok && list.text.contains("Школу обязали принять девочку"))
                #expect(list.text.contains("Нарынская область · Образование"))
                let publishedOn = try #require(
                    try await appeals.send(.get, "/api/v1/appeals/published", as: .anonymous()).decoded(as: PublishedList.self).items.first?.publishedOn)
                let month = Int(publishedOn.split(separator: "-")[1])!
                #expect(list.text.contains(Self.russianMonths[month - 1]), "the day in Russian words")
                #expect(try await browser.open("/appeals?region=KG-N&category=education").text.contains("Школу обязали принять девочку"))
                let elsewhere = try await browser.open("/appeals?region=KG-T")
                #expect(!elsewhere.text.contains("Школу обязали") && elsewhere.text.contains("Опубликованных обращений с такими условиями пока нет."))
                #expect(elsewhere.text.contains(#"<option value="KG-T" selected>Таласская область</option>"#))
                #expect(!(try await browser.open("/appeals?category=health")).text.contains("Школу обязали"))

                let link = try #require(list.text.firstMatch(of: /href="(\/appeals\/[0-9a-f-]{36})"/)?.output.1)
                let detail = try await browser.open(String(link))
                #expect(detail.status == .ok && detail.text.contains("<h1>Школу обязали принять девочку</h1>"))
                #expect(detail.text.contains("Дело передано в управление образования.") && !detail.text.contains("Ат-Башы"))
                let home = try await browser.open("/")
                #expect(home.text.contains("Последние опубликованные обращения") && home.text.contains(String(link)))
                let unknown = try await browser.open("/appeals/\(UUID().uuidString.lowercased())")
                #expect(unknown.status == .notFound && unknown.text.contains("Страница не найдена"))
                #expect(try await browser.open("/appeals/not-an-id").status == .notFound)

                // Neither service logged the code or what the person typed, at any level.
                for secret in [code, code.lowercased(), "+996 555 123 456", "без взятки", "звоните мне"] {
                    #expect(!logs.text.contains(secret), "the logs hold \(secret)")
                }
            }
        }
    }

    @Test func twoSendingsOfOneFormAtOnceMakeOneAppealAndBothShowTheCode() async throws {
        try await ServiceHarness.run(AppealsService.definition, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals]) { gateway in
                let browser = PageVisitor(gateway.client)
                let form = try await browser.open("/appeals/new?lang=ru")
                let key = try #require(Self.inputValue("", name: "idempotencyKey", in: form.text))
                // The second arrives while appeals still handles the first: it waits for it, then shows its code.
                async let first = browser.submit("/appeals/new", Self.form(key: key))
                async let second = browser.submit("/appeals/new", Self.form(key: key))
                let codes = try await [first, second].map { Self.inputValue("tracking-code", in: $0.text) }
                #expect(codes[0] != nil && codes[0] == codes[1], "\(codes)")
                let staffList = try await appeals.send(.get, "/api/v1/appeals", as: Self.coordinator).decoded(as: StaffList.self)
                #expect(staffList.items.count == 1)
            }
        }
    }

    @Test func theListPagesOnByAppealsCursorKeepingItsFilters() async throws {
        try await ServiceHarness.run(AppealsService.definition, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals]) { gateway in
                let count = 21 // one more than a page
                for number in 1...count {
                    let receipt = try await appeals.send(
                        .post, "/api/v1/appeals", as: .anonymous(),
                        headers: [.contentType: "application/json"],
                        body: ByteBuffer(
                            bytes: try JSONSerialization.data(withJSONObject: [
                                "channel": "web", "regionCode": "KG-T", "categoryCode": "health", "language": "ru",
                                "description": "Обращение \(number)", "consent": ["contact": false, "publication": true],
                            ])))
                    let id = try receipt.decoded(as: StaffList.Item.self).id
                    for step in ["in_verification", "verified"] { try await Self.change(appeals, id, "/transitions", ["to": step]) }
                    try await Self.change(appeals, id, "/publication", ["title": ["ru": "Обращение номер \(number)"], "summary": ["ru": "Кратко."]])
                }
                let browser = PageVisitor(gateway.client)
                let first = try await browser.open("/appeals?lang=ru&region=KG-T&category=health")
                #expect(first.text.matches(of: /<li>\s*<h2>/).count == 20)
                let next = try #require(first.text.firstMatch(of: /<a href="([^"]+)" rel="next">/)?.output.1)
                #expect(next.hasPrefix("/appeals?region=KG-T&amp;category=health&amp;cursor="), "the next page keeps the filters")
                let second = try await browser.open(String(next).replacingOccurrences(of: "&amp;", with: "&"))
                #expect(second.text.matches(of: /<li>\s*<h2>/).count == 1 && !second.text.contains(#"rel="next""#))
                // A cursor from an old link that appeals does not take: the first page, not an error.
                let stale = try await browser.open("/appeals?region=KG-T&category=health&cursor=bm90LWEtY3Vyc29y")
                #expect(stale.status == .ok && stale.text.matches(of: /<li>\s*<h2>/).count == 20)
            }
        }
    }

    @Test func wrongCodesAreThrottledWithAMessageOfTheirOwn() async throws {
        try await ServiceHarness.run(AppealsService.definition, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals]) { gateway in
                let browser = PageVisitor(gateway.client)
                try await browser.open("/track?lang=ru")
                var last = try await browser.submit("/track", [("code", "AAAA-BBBB-CCCC")])
                // Ten wrong codes are free, then each waits twice as long as the last (1 s, 2 s, … a minute): a
                // request slower than the wait on a loaded machine is let through, so the loop runs until the
                // waits outlast any request rather than a fixed dozen times.
                for _ in 0..<40 where last.status != .tooManyRequests {
                    last = try await browser.submit("/track", [("code", "AAAA-BBBB-CCCC")])
                }
                #expect(last.status == .tooManyRequests)
                #expect(last.text.contains("Слишком много неверных кодов отсюда."))
            }
        }
    }

    @Test func withoutAppealsTheHomePageStandsAndThePagesSaySo() async throws {
        try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: []) { gateway in
            let browser = PageVisitor(gateway.client)
            let home = try await browser.open("/?lang=en")
            #expect(home.status == .ok && !home.text.contains("Latest published appeals") && home.text.contains(#"href="/appeals/new""#))
            let list = try await browser.open("/appeals")
            #expect(list.status == .serviceUnavailable && list.text.contains("The appeals service cannot be reached just now."))
            // The form still shows, from the platform's own lists, and keeps what was typed when it cannot be sent.
            let form = try await browser.open("/appeals/new")
            #expect(form.status == .ok && form.text.contains(#"<option value="education">Education</option>"#))
            let sent = try await browser.submit("/appeals/new", Self.form(key: "k1", [("description", "Kept text")]))
            #expect(
                sent.status == .serviceUnavailable && sent.text.contains("Appeals cannot be received just now.") && sent.text.contains(">Kept text</textarea>"))
            let tracked = try await browser.submit("/track", [("code", "AAAA-BBBB-CCCC")])
            #expect(tracked.status == .serviceUnavailable && tracked.text.contains("Appeals cannot be reached just now."))
        }
    }

    /// Sends `json` to change appeal `id` as a coordinator, with the ETag just read.
    @discardableResult
    static func change(_ appeals: RunningService, _ id: String, _ suffix: String, _ json: [String: Any]) async throws -> TestResponse {
        let current = try await appeals.send(.get, "/api/v1/appeals/\(id)", as: coordinator)
        return try await appeals.send(
            .post, "/api/v1/appeals/\(id)\(suffix)", as: coordinator,
            headers: [.ifMatch: current.headers[.eTag] ?? "", .contentType: "application/json"],
            body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
    }

    static let russianMonths = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]

    struct StaffList: Decodable {
        struct Item: Decodable { let id: String }
        let items: [Item]
    }

    struct PublishedList: Decodable {
        struct Item: Decodable { let publishedOn: String }
        let items: [Item]
    }
}
