import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// Registering for an event on its public page: the form while registration is open, its messages by the fields,
/// the receipt with the code (the POST's own answer), the waiting list, and looking up and withdrawing by code.
@Suite struct EventRegistrationPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aCitizenRegistersGetsACodeAndWithdrawsSoTheFirstWaitingMovesUp(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, id, _) = try await site.openHearing(capacity: 1)
            let path = "/events/\(id)"

            // The form while registration is open, with the one place left.
            let visitor = PageVisitor(site.gateway)
            let page = try await visitor.open(path + "?lang=ru")
            #expect(page.status == .ok && page.text.contains(#"action="\#(path)/register""#))
            #expect(page.text.contains("Свободных мест: <strong>1</strong>"))

            // A blank name and a sex chosen without its consent: the page again, in Russian, messages by the fields, input kept.
            let refused = try await visitor.submit(path + "/register", [("name", " "), ("phone", "+996 555 123 456"), ("sex", "female")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Регистрация не отправлена: проверьте отмеченные поля."))
            #expect(refused.text.contains("Укажите имя, до 400 знаков.") && refused.text.contains(#"aria-describedby="f-name-error""#))
            #expect(refused.text.contains("Отметьте согласие, чтобы сохранить пол"))
            let groups = try await visitor.submit(path + "/register", [("name", "Aigul"), ("vulnerableGroups.rural_residents", "on")])
            #expect(groups.status == .unprocessableContent && groups.text.contains("Отметьте согласие, чтобы сохранить группы"))
            #expect(groups.text.contains(#"name="vulnerableGroups.rural_residents" checked"#))
            #expect(refused.text.contains(#"value="+996 555 123 456""#) && refused.text.contains(#"<option value="female" selected>"#))
            // The API's own refusal comes back by its field too, never in its English words.
            let badEmail = try await visitor.submit(path + "/register", [("name", "Aigul"), ("email", "aigul@mail@kg")])
            #expect(badEmail.status == .unprocessableContent && badEmail.text.contains("Укажите адрес электронной почты полностью"))

            // Registered: the receipt with the code and the pass, never stored; a double click shows the same code.
            let form = try await visitor.open(path + "?lang=ru")
            let key = try Self.idempotencyKey(in: form.text)
            let fields = [
                ("name", "Aigul Bekova"), ("phone", "+996 555 123 456"), ("sex", "female"), ("consent.sex", "on"),
                ("vulnerableGroups.rural_residents", "on"), ("consent.vulnerableGroups", "on"), ("showAttendance", "on"), ("idempotencyKey", key),
            ]
            let receipt = try await visitor.submit(path + "/register", fields)
            #expect(receipt.status == .ok && receipt.headers[.cacheControl] == "no-store")
            #expect(receipt.text.contains("Подтверждена") && receipt.text.contains("Назовите код на входе."))
            let code = try Self.code(in: receipt.text)
            #expect(receipt.text.contains(">OMEV1.\(id)."), "the check-in pass as text")
            #expect(try await visitor.submit(path + "/register", fields).text.contains(#"value="\#(code)""#), "the same code again")
            // One registration, with the consented fields.
            let stored = try await site.api(.get, "/api/v1/events/\(id)/registrations", token: admin)
            #expect(stored.text.contains(#""sex":"female""#) && stored.text.contains(#""rural_residents""#), "\(stored.text)")
            #expect(stored.text.components(separatedBy: #""sequence""#).count == 2 && stored.text.contains(#""showAttendance":true"#))

            // The second person waits: the receipt says so with their place.
            let second = PageVisitor(site.gateway)
            try await second.open(path + "?lang=en")
            let waiting = try await second.submit(path + "/register", [("name", "Bakyt")])
            #expect(
                waiting.status == .ok && waiting.text.contains("On the waiting list") && waiting.text.contains("Your place in the queue: <strong>1</strong>"))
            let waitingCode = try Self.code(in: waiting.text)

            // The lookup by code (in the body, never the address), and withdrawal: the place goes to the one waiting.
            let lookup = PageVisitor(site.gateway)
            #expect(try await lookup.open("/events/registration?lang=en").status == .ok)
            let unknown = try await lookup.submit("/events/registration", [("code", "ZZZZ-ZZZZ")])
            #expect(unknown.status == .notFound && unknown.text.contains("No registration has this code."))
            let found = try await lookup.submit("/events/registration", [("code", code.lowercased())])
            #expect(found.status == .ok && found.text.contains("Confirmed") && found.text.contains(#"action="/events/registration/withdraw""#))
            let withdrawn = try await lookup.submit("/events/registration/withdraw", [("code", code)])
            #expect(withdrawn.status == .ok && withdrawn.text.contains("You have withdrawn.") && withdrawn.text.contains("Withdrawn"))
            #expect(!withdrawn.text.contains(#"action="/events/registration/withdraw""#))
            let again = try await lookup.submit("/events/registration/withdraw", [("code", code)])
            #expect(again.status == .conflict && again.text.contains("already withdrawn"))
            let promoted = try await lookup.submit("/events/registration", [("code", waitingCode)])
            #expect(promoted.text.contains("Confirmed"), "the first waiting moved up")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func noRegistrationFormBeforeRegistrationOpensAndARefusalWhenItClosed(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (_, id, staff) = try await site.openHearing(capacity: 0)
            let path = "/events/\(id)"
            let visitor = PageVisitor(site.gateway)
            let form = try await visitor.open(path + "?lang=en")
            #expect(form.text.contains(#"action="\#(path)/register""#) && !form.text.contains("Places left"), "unlimited: no count")
            try await site.change(staff.browser, staff.path, "transition", [("to", "registration_closed")])
            let closed = try await visitor.submit(path + "/register", [("name", "Aigul")])
            #expect(closed.status == .conflict && closed.text.contains("Registration for this event is closed now."))
            #expect(!closed.text.contains(#"action="\#(path)/register""#), "no form once closed")
        }
    }

    /// The registration code on a receipt.
    static func code(in html: String) throws -> String {
        let match = try #require(html.firstMatch(of: /id="tracking-code" class="code" type="text" readonly value="([0-9A-Z]{4}-[0-9A-Z]{4})"/))
        return String(match.1)
    }

    /// The idempotency key a form carries.
    static func idempotencyKey(in html: String) throws -> String {
        String(try #require(html.firstMatch(of: /name="idempotencyKey" value="([^"]+)"/)).1)
    }
}

extension EventPages {
    /// A hearing a coordinator created and opened for registration on the staff pages, with `capacity` places set
    /// through the API (0: unlimited): the admin's token, the event's ID, and the coordinator's browser and staff page.
    func openHearing(capacity: Int) async throws -> (admin: String, id: String, staff: (browser: PageVisitor, path: String)) {
        let admin = try await adminToken()
        let council = try await organization(admin, type: "public_council", name: "Naryn Public Council", region: "KG-N")
        let coordinator = try await user(roles: ["coordinator"], organization: council)
        let browser = PageVisitor(gateway)
        try await signIn(browser, coordinator.email, next: "/staff/events")
        try await browser.open("/staff/events/new")
        let created = try await browser.submit("/staff/events/new", EventPagesTests.hearing(organizer: council))
        let path = try #require(created.headers[.location])
        let id = String(path.dropFirst("/staff/events/".count))
        for step in ["published", "registration_open"] { try await change(browser, path, "transition", [("to", step)]) }
        let settings = try await api(.put, "/api/v1/events/\(id)/registration-settings", token: admin, json: ["capacity": capacity, "moderated": false])
        #expect(settings.status == .ok, "\(settings.text)")
        return (admin, id, (browser, path))
    }
}
