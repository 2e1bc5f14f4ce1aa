import EventsAndHearings
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import TestSupport
import Testing

/// The event pages with events-and-hearings and the gateway running: a coordinator creates a hearing, builds its
/// agenda and publishes it through the staff forms alone; the public finds it in the calendar with its agenda;
/// a council's and a duty-bearer's scorecard count the recommendations made at it.
@Suite struct EventPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aCoordinatorCreatesAndPublishesAHearingThePublicFindsInTheCalendar(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let admin = try await site.adminToken()
            let council = try await site.organization(admin, type: "public_council", name: "Naryn Public Council", region: "KG-N")
            let ministry = try await site.organization(admin, type: "state_body", name: "Ministry of Water")
            let coordinator = try await site.user(roles: ["coordinator"], organization: council)
            let browser = PageVisitor(site.gateway)

            // Not signed in: to the sign-in page.
            #expect(try await browser.open("/staff/events/new").headers[.location] == "/sign-in?next=/staff/events/new")
            try await site.signIn(browser, coordinator.email, next: "/staff/events")

            // The form offers the duty-bearers and the person's own council, which it chooses by default.
            let form = try await browser.open("/staff/events/new?lang=ru")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<option value="\#(ministry)">Ministry of Water</option>"#))
            #expect(form.text.contains(#"<option value="\#(council)" selected>Naryn Public Council</option>"#))

            // A form with problems: again, in Russian, the input kept, messages by the fields.
            var fields = Self.hearing(organizer: council)
            fields.removeAll { $0.0.hasPrefix("title.") || $0.0 == "endTime" }
            let refused = try await browser.submit("/staff/events/new", fields + [("endTime", "09:00")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Ничего не сохранено: проверьте отмеченные поля."))
            #expect(refused.text.contains("Укажите название до 200 знаков хотя бы на одном языке."))
            #expect(refused.text.contains("Укажите время окончания позже начала."))
            #expect(refused.text.contains(#"value="Ат-Башы""#) && refused.text.contains(#"aria-describedby="f-endTime-error""#))

            // A draft, then its page.
            let created = try await browser.submit("/staff/events/new", Self.hearing(organizer: council))
            #expect(created.status == .seeOther, "\(created.text.suffix(2000))")
            let path = try #require(created.headers[.location])
            #expect(path.hasPrefix("/staff/events/"))
            let id = String(path.dropFirst("/staff/events/".count))
            var page = try await browser.open(path + "?lang=en")
            #expect(page.status == .ok && page.text.contains("Public hearing on water") && page.text.contains("Draft"))
            #expect(page.text.contains("March 10, 2027 at 10:00"), "Bishkek time, not UTC")
            #expect(try await site.api(.get, "/api/v1/events/\(id)").status == .notFound, "a draft is not public")
            #expect(try await PageVisitor(site.gateway).open("/events/\(id)").status == .notFound)
            let draftVersion = try Self.version(in: page.text)

            // An agenda item outside the event: the API's refusal, by the field, in the person's language.
            let outside = try await browser.submit(
                path + "/agenda",
                [("version", draftVersion), ("agendaTitle", "Opening"), ("agendaDay", "2027-03-10"), ("agendaTime", "23:00"), ("agendaMinutes", "30")])
            #expect(outside.status == .unprocessableContent)
            #expect(outside.text.contains("Give a day and time within the event.") && outside.text.contains(#"value="Opening""#))
            #expect(!outside.text.contains("must be within the event"), "never the API's English message")
            try await site.change(
                browser, path, "agenda",
                [
                    ("agendaTitle", "Opening & welcome"), ("agendaDay", "2027-03-10"), ("agendaTime", "10:30"), ("agendaMinutes", "45"),
                    ("agendaSpeakers", "Aigul Bekova\nAkim of At-Bashy"),
                ])
            try await site.change(browser, path, "transition", [("to", "published"), ("note", "Announced on the radio.")])

            // A form shown before that change: the "changed meanwhile" page, nothing saved.
            let stale = try await browser.submit(path + "/cancellation", [("version", draftVersion), ("reason", "Flooding")])
            #expect(stale.status == .conflict && stale.text.contains("Someone changed this event meanwhile") && stale.text.contains(#"href="\#(path)""#))
            // Calling off needs a reason, said by the field.
            page = try await browser.open(path)
            let noReason = try await browser.submit(path + "/cancellation", [("version", try Self.version(in: page.text)), ("reason", " ")])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("Give the reason, up to 2,000 characters."))
            #expect(page.text.contains("Announced") && page.text.contains(#"href="/events/\#(id)""#))

            // The public calendar: found by its region and type, not by others; the event page with its agenda.
            let visitor = PageVisitor(site.gateway)
            let calendar = try await visitor.open("/events?lang=en")
            #expect(calendar.status == .ok && calendar.text.contains(#"href="/events/\#(id)""#) && calendar.text.contains("Public hearing ·"))
            #expect(try await visitor.open("/events?region=KG-N&type=hearing").text.contains(id))
            #expect(!(try await visitor.open("/events?region=KG-B").text.contains(id)))
            #expect(!(try await visitor.open("/events?type=forum").text.contains(id)))
            #expect(try await visitor.open("/events?region=XX&type=nonsense&cursor=%21").status == .ok, "values the API would refuse are dropped")
            let event = try await visitor.open("/events/\(id)?lang=ky")
            #expect(event.status == .ok && event.text.contains("Коомдук угуу: суу"))
            #expect(event.text.contains("Opening &amp; welcome") && event.text.contains("Aigul Bekova, Akim of At-Bashy"))
            #expect(event.text.contains(#"<time datetime="2027-03-10T04:30:00Z">10:30</time>"#))
            #expect(event.text.contains("Naryn Public Council") && event.text.contains("/events/scorecard?council=\(council)"))
            #expect(!event.text.contains(#"method="post""#), "no forms for the public")
            #expect(try await visitor.open("/events/\(UUID().uuidString.lowercased())").status == .notFound)
            // Navigation and the home page lead to the calendar.
            #expect(try await visitor.open("/?lang=en").text.contains(#"<a href="/events">Calendar of public platforms, hearings and forums</a>"#))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theScorecardsCountTheRecommendationsOfAHeldHearing(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let admin = try await site.adminToken()
            let council = try await site.organization(admin, type: "public_council", name: "Naryn Public Council", region: "KG-N")
            let ministry = try await site.organization(admin, type: "state_body", name: "Ministry of Water")
            let coordinator = try await site.user(roles: ["coordinator"])
            let browser = PageVisitor(site.gateway)
            try await site.signIn(browser, coordinator.email, next: "/staff/events")
            #expect(try await browser.open("/staff/events/new").status == .ok)
            let created = try await browser.submit("/staff/events/new", Self.hearing(organizer: council))
            let path = try #require(created.headers[.location])
            let id = String(path.dropFirst("/staff/events/".count))
            // Through the whole line to held, one step at a time on the page.
            for step in ["published", "registration_open", "registration_closed", "held"] {
                try await site.change(browser, path, "transition", [("to", step)])
            }
            #expect(try await browser.open(path + "?lang=en").text.contains("Held"))
            #expect(!(try await browser.open(path).text.contains(#"action="\#(path)/cancellation""#)), "a held event cannot be called off")

            for _ in 0..<3 {
                let made = try await site.api(
                    .post, "/api/v1/events/\(id)/recommendations", token: admin,
                    json: ["text": ["en": "Repair the pipe"], "dutyBearerId": ministry, "dueOn": "2027-06-30"])
                #expect(made.status == .created, "\(made.text)")
            }
            let visitor = PageVisitor(site.gateway)
            let ministryCard = try await visitor.open("/events/scorecard?dutyBearer=\(ministry)&lang=en")
            #expect(ministryCard.status == .ok && ministryCard.text.contains("Recommendations addressed to Ministry of Water"))
            #expect(ministryCard.text.contains(#"<strong class="count">3</strong>"#) && ministryCard.text.contains("No answers yet"))
            let councilCard = try await visitor.open("/events/scorecard?council=\(council)&lang=ru")
            #expect(councilCard.status == .ok && councilCard.text.contains(#"<strong class="count">3</strong>"#))
            #expect(councilCard.text.contains("Рекомендации мероприятий: Naryn Public Council"))
            #expect(try await visitor.open("/events/scorecard?dutyBearer=\(UUID().uuidString)").status == .notFound, "not an organisation")
            #expect(try await visitor.open("/events/scorecard").status == .notFound)
        }
    }

    @Test func theCataloguesNameEveryVocabularyTheEventPagesShow() throws {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/Web/Sources/Resources")
        for name in ["ky.json", "ru.json", "en.json"] {
            let catalogue = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: resources.appendingPathComponent(name)))
            var keys = ["event_type_hearing", "event_type_round_table", "event_format_hybrid", "event_status_report_pending", "event_status_cancelled"]
            keys += ["type", "title", "day", "startTime", "endTime", "region", "onlineUrl", "organizerId", "to", "reason", "agendaTime", "agendaMinutes"]
                .map { "staff_event_error_\($0)" }
            #expect(keys.allSatisfy { catalogue[$0] != nil }, "\(name) lacks \(keys.filter { catalogue[$0] == nil })")
        }
    }

    /// The new-event form's fields for a hearing in Naryn on 10 March 2027, 10:00 to 14:00 Bishkek time.
    static func hearing(organizer: String) -> [(String, String)] {
        [
            ("type", "hearing"), ("title.ky", "Коомдук угуу: суу"), ("title.ru", "Слушания о воде"), ("title.en", "Public hearing on water"),
            ("description", "Water supply in At-Bashy"), ("organizerId", organizer), ("visibility", "public"), ("day", "2027-03-10"),
            ("startTime", "10:00"), ("endTime", "14:00"), ("format", "in_person"), ("region", "KG-N"), ("locality", "Ат-Башы"),
            ("address", "Lenin 1"), ("onlineUrl", ""),
        ]
    }

    /// The version an event page's forms carry, as a browser sends it back.
    static func version(in html: String) throws -> String {
        try StaffAppealPagesTests.version(in: html)
    }
}

/// Events behind a gateway, each on a port of its own, with the staff pages' helpers.
struct EventPages {
    let gateway: any TestClientProtocol
    private var staff: StaffPages { StaffPages(gateway: gateway) }

    static func with(_ kind: DatabaseKind, _ body: @Sendable (EventPages) async throws -> Void) async throws {
        // Both on ports of their own: events asks the gateway's directory whether the organisations named exist.
        try await ServiceHarness.runWithGateway(EventsAndHearingsService.definition, gateway: GatewayService.definition, on: kind) { gateway in
            try await body(EventPages(gateway: gateway.client))
        }
    }

    @discardableResult
    func api(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: [String: Any]? = nil) async throws -> TestResponse {
        try await staff.api(method, path, token: token, json: json)
    }

    func adminToken() async throws -> String { try await staff.adminToken() }

    func user(roles: [String], organization: String? = nil) async throws -> (email: String, id: String) {
        try await staff.user(roles: roles, organization: organization)
    }

    func signIn(_ browser: PageVisitor, _ email: String, next: String) async throws {
        try await staff.signIn(browser, email, next: next)
    }

    /// A new organisation of the directory, its ID lowercased.
    func organization(_ token: String, type: String, name: String, region: String? = nil) async throws -> String {
        var fields: [String: Any] = ["type": type, "name": ["en": name]]
        fields["regionCode"] = region
        let created = try await api(.post, "/api/v1/organizations", token: token, json: fields)
        #expect(created.status == .created, "\(created.text)")
        return try created.decoded(as: StaffPages.Created.self).id.lowercased()
    }

    /// Opens the event's page and sends its `change` form with `fields`, expecting the 303 back to the page.
    func change(_ browser: PageVisitor, _ path: String, _ change: String, _ fields: [(String, String)]) async throws {
        let page = try await browser.open(path)
        #expect(page.text.contains(#"action="\#(path)/\#(change)""#), "no \(change) form")
        let answer = try await browser.submit("\(path)/\(change)", [("version", try EventPagesTests.version(in: page.text))] + fields)
        #expect(answer.status == .seeOther && answer.headers[.location] == path, "\(change): \(answer.status) \(answer.text.suffix(3000))")
    }
}
