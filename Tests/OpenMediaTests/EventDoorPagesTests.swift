import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// The staff's side of registration: checking people in at the door on a phone page by code, by QR pass or as
/// walk-ins, and the registrations list with its decisions on pending registrations and the CSV export.
@Suite struct EventDoorPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func staffCheckPeopleInAtTheDoorByCodeByPassAndAsWalkIns(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, id, staff) = try await site.openHearing(capacity: 1)
            let first = try await site.register(id, name: "Aigul Bekova")
            let second = try await site.register(id, name: "Bakyt Usenov")
            let door = staff.path + "/door"

            // Not signed in: to the sign-in page; someone who does not run the event: the API's refusal, as the site's.
            #expect(try await PageVisitor(site.gateway).open(door).headers[.location] == "/sign-in?next=\(door)")
            let batken = try await site.organization(admin, type: "public_council", name: "Batken Public Council", region: "KG-B")
            let otherMember = try await site.user(roles: ["council_member"], organization: batken)
            let reader = PageVisitor(site.gateway)
            try await site.signIn(reader, otherMember.email, next: "/staff/events")
            try await reader.open(door)
            #expect(try await reader.submit(staff.path + "/check-in", [("code", first.code)]).status == .forbidden)

            let browser = staff.browser
            let page = try await browser.open(door + "?lang=en")
            #expect(
                page.status == .ok && page.text.contains(#"action="\#(staff.path)/check-in""#) && page.text.contains("Places taken: <strong>1</strong> / 1"))
            // By code, as read out (case and hyphen do not matter); a second time says so; the waiting one is told apart.
            let checkedIn = try await browser.submit(staff.path + "/check-in", [("code", first.code.lowercased().replacingOccurrences(of: "-", with: ""))])
            #expect(checkedIn.status == .ok && checkedIn.text.contains(#"<p class="door-verdict">Checked in</p>"#) && checkedIn.text.contains("Aigul Bekova"))
            let again = try await browser.submit(staff.path + "/check-in", [("code", first.code)])
            #expect(again.status == .ok && again.text.contains(#"<p class="door-verdict">Already checked in</p>"#))
            let waiting = try await browser.submit(staff.path + "/check-in", [("code", second.code)])
            #expect(waiting.status == .conflict && waiting.text.contains(#"<p class="door-verdict">On the waiting list</p>"#))
            let unknown = try await browser.submit(staff.path + "/check-in", [("code", "ZZZZ-ZZZZ")])
            #expect(unknown.status == .notFound && unknown.text.contains(#"<p class="door-verdict">Not found</p>"#))
            #expect(try await browser.submit(staff.path + "/check-in", [("code", " ")]).status == .unprocessableContent)

            // A second place: the waiting one moves up and comes in with the QR pass; a forged pass is refused.
            let settings = try await site.api(.put, "/api/v1/events/\(id)/registration-settings", token: admin, json: ["capacity": 2, "moderated": false])
            #expect(settings.status == .ok)
            let parts = second.pass.split(separator: ".")
            let forged = try await browser.submit(staff.path + "/check-in", [("code", "\(parts[0]).\(parts[1]).\(parts[2]).AAAA")])
            #expect(forged.status == .unprocessableContent && forged.text.contains("Not a pass for this event"))
            let byPass = try await browser.submit(staff.path + "/check-in", [("code", second.pass)])
            #expect(byPass.status == .ok && byPass.text.contains("Checked in") && byPass.text.contains("Bakyt Usenov"))

            // A walk-in: a field without its consent comes back by the field; with nothing at all, counted in.
            let refused = try await browser.submit(staff.path + "/walk-in", [("ageBand", "60_plus")])
            #expect(refused.status == .unprocessableContent && refused.text.contains("Tick the consent box to keep your age"))
            #expect(refused.text.contains(#"<details class="change" id="walk-in" open>"#))
            let key = try #require(refused.text.firstMatch(of: /name="idempotencyKey" value="([^"]+)"/)?.output.1)
            let walkIn = try await browser.submit(
                staff.path + "/walk-in", [("ageBand", "60_plus"), ("consent.ageBand", "on"), ("idempotencyKey", String(key))])
            #expect(walkIn.status == .ok && walkIn.text.contains(#"<p class="door-verdict">Counted in</p>"#))
            // The same form sent twice (a double click) counts the person once.
            let twice = try await browser.submit(
                staff.path + "/walk-in", [("ageBand", "60_plus"), ("consent.ageBand", "on"), ("idempotencyKey", String(key))])
            #expect(twice.status == .ok && twice.text.contains(#"<p class="door-verdict">Counted in</p>"#))
            let sheet = try await site.api(.get, "/api/v1/events/\(id)/registrations", token: admin)
            #expect(sheet.text.components(separatedBy: #""attendance":"attended""#).count == 4, "two by code and pass, one walk-in: \(sheet.text)")
            #expect(sheet.text.contains(#""ageBand":"60_plus""#))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func staffConfirmPendingRegistrationsInTheListAndExportIt(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, id, staff) = try await site.openHearing(capacity: 0)
            let settings = try await site.api(.put, "/api/v1/events/\(id)/registration-settings", token: admin, json: ["capacity": 0, "moderated": true])
            #expect(settings.status == .ok)
            let pending = try await site.register(id, name: "Cholpon Asanova", phone: "+996 700 000 001")
            #expect(pending.receipt.contains("Awaiting confirmation"))

            // At the door before a decision: not confirmed yet.
            let browser = staff.browser
            try await browser.open(staff.path + "/door?lang=en")
            let early = try await browser.submit(staff.path + "/check-in", [("code", pending.code)])
            #expect(early.status == .conflict && early.text.contains("Not confirmed yet"), "\(early.text.suffix(4000))")

            // The staff event page leads to the list; the list shows the person's data and the decision buttons.
            let eventPage = try await browser.open(staff.path + "?lang=en")
            #expect(eventPage.text.contains(#"href="\#(staff.path)/registrations""#) && eventPage.text.contains(#"href="\#(staff.path)/door""#))
            let list = try await browser.open(staff.path + "/registrations?lang=en")
            #expect(list.status == .ok && list.text.contains("Cholpon Asanova") && list.text.contains("+996 700 000 001"))
            #expect(list.text.contains("Awaiting confirmation") && list.text.contains(#"href="\#(staff.path)/registrations.csv""#))
            let registration = try #require(list.text.firstMatch(of: /action="[^"]+\/registrations\/([0-9a-f-]{36})\/decision"/)).1
            let version = String(try #require(list.text.firstMatch(of: /name="version" value="([0-9]+)"/)).1)
            let decided = try await browser.submit(
                staff.path + "/registrations/\(registration)/decision", [("decision", "confirm"), ("version", version)])
            #expect(decided.status == .seeOther && decided.headers[.location] == staff.path + "/registrations")
            let lookup = PageVisitor(site.gateway)
            try await lookup.open("/events/registration?lang=en")
            #expect(try await lookup.submit("/events/registration", [("code", pending.code)]).text.contains("Confirmed"))
            // Deciding again: the list, saying it changed meanwhile.
            let twice = try await browser.submit(
                staff.path + "/registrations/\(registration)/decision", [("decision", "confirm"), ("version", version)])
            #expect(twice.status == .conflict && twice.text.contains("changed meanwhile"))
            // Filtered by status, and the CSV with the person's data for those who run the event.
            #expect(!(try await browser.open(staff.path + "/registrations?status=waitlisted").text.contains("Cholpon")))
            let csv = try await browser.open(staff.path + "/registrations.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8" && csv.text.contains("Cholpon Asanova"))
        }
    }
}

extension EventPages {
    /// Registers `name` on the event's public page as a new visitor: the receipt's page, code and check-in pass.
    func register(_ id: String, name: String, phone: String? = nil) async throws -> (receipt: String, code: String, pass: String) {
        let visitor = PageVisitor(gateway)
        try await visitor.open("/events/\(id)?lang=en")
        let receipt = try await visitor.submit("/events/\(id)/register", [("name", name), ("phone", phone ?? "")])
        #expect(receipt.status == .ok, "\(receipt.text.suffix(2000))")
        let pass = try #require(receipt.text.firstMatch(of: /id="check-in-pass" class="code pass" readonly rows="4">([^<]+)</)).1
        return (receipt.text, try EventRegistrationPagesTests.code(in: receipt.text), String(pass))
    }
}

/// The texts the registration and door pages name in code, in every catalogue.
@Suite struct EventRegistrationTextsTests {
    @Test func everyCatalogueHasTheRegistrationAndDoorTexts() throws {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/Web/Sources/Resources")
        let statuses = ["pending", "confirmed", "waitlisted", "withdrawn", "rejected"].flatMap {
            ["registration_status_\($0)", "registration_status_\($0)_explanation"]
        }
        let fields = ["name", "phone", "email", "sex", "ageBand", "vulnerableGroups", "stakeholderType"].map { "event_registration_error_\($0)" }
        let outcomes = [
            "checked_in", "already_checked_in", "walked_in", "not_found", "not_a_pass", "waitlisted", "pending", "inactive", "not_open", "throttled",
            "missing",
        ].flatMap { ["staff_door_result_\($0)", "staff_door_result_\($0)_advice"] }
        let keys = statuses + fields + outcomes + ["registration_attendance_attended", "registration_attendance_no_show", "staff_registrations_changed"]
        for name in ["ky.json", "ru.json", "en.json"] {
            let catalogue = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: resources.appendingPathComponent(name)))
            #expect(keys.allSatisfy { catalogue[$0] != nil }, "\(name) lacks \(keys.filter { catalogue[$0] == nil })")
        }
    }
}
