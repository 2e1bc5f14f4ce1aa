import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// The staff's pages after an event: attendance marked one by one or from the paper sheet, the registration
/// settings on the event's page, and the report's disaggregated counts.
@Suite struct EventAttendancePagesTests {
    /// The registrations of `id` as the API shows them to the admin.
    struct Registrations: Decodable {
        struct Item: Decodable {
            let id: String
            let attendance: String?
        }
        let items: [Item]
    }

    @Test(arguments: TestDatabases.kinds)
    func staffMarkAttendanceOneByOneAndFromThePaperSheetOnceTheEventIsHeld(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, id, staff) = try await site.openHearing(capacity: 0)
            let people = [
                try await site.register(id, name: "Aigul Bekova"), try await site.register(id, name: "Bakyt Usenov"),
                try await site.register(id, name: "Cholpon Asanova"),
            ]
            let browser = staff.browser
            let list = staff.path + "/registrations"
            // Before the event is held: no attendance to mark.
            #expect(!(try await browser.open(list + "?lang=en").text.contains("/attendance\"")))
            for step in ["registration_closed", "held"] { try await site.change(browser, staff.path, "transition", [("to", step)]) }
            func attendance() async throws -> [String: String] {
                let read = try await site.api(.get, "/api/v1/events/\(id)/registrations", token: admin).decoded(as: Registrations.self)
                return Dictionary(uniqueKeysWithValues: read.items.compactMap { item in item.attendance.map { (item.id.lowercased(), $0) } })
            }

            // One by one, with the version shown; the same form again says the registration changed meanwhile.
            let page = try await browser.open(list + "?lang=en")
            #expect(page.text.contains(#"<button type="submit" name="attendance" value="no_show" class="secondary">Did not come</button>"#))
            let first = String(try #require(page.text.firstMatch(of: /action="[^"]+\/registrations\/([0-9a-f-]{36})\/attendance"/)).1)
            let version = String(try #require(page.text.firstMatch(of: /name="version" value="([0-9]+)"/)).1)
            let marked = try await browser.submit(list + "/\(first)/attendance", [("attendance", "attended"), ("version", version)])
            #expect(marked.status == .seeOther && marked.headers[.location] == list)
            let afterOne = try await attendance()
            #expect(afterOne == [first: "attended"], "\(afterOne) \(first)")
            let twice = try await browser.submit(list + "/\(first)/attendance", [("attendance", "no_show"), ("version", version)])
            #expect(twice.status == .conflict && twice.text.contains("changed meanwhile"))

            // The paper sheet: nothing typed; then each line's problem in the person's language, and nothing applied.
            let sheetPath = staff.path + "/attendance-sheet"
            let empty = try await browser.submit(sheetPath, [("sheet", "  \n")])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Type or paste the sheet."))
            try await browser.open(list + "?lang=ru")
            let wrong = "code,attendance\n\(people[1].code),attended\nZZZZ-ZZZZ,no_show\n\(people[2].code),maybe\n"
            let refused = try await browser.submit(sheetPath, [("sheet", wrong)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("<li>Строка 3: ни у одной регистрации на это мероприятие нет такого кода.</li>"), "\(refused.text.suffix(3000))")
            #expect(refused.text.contains("<li>Строка 4: укажите attended или no_show.</li>"))
            #expect(refused.text.contains(#"<details class="change" id="attendance-sheet" open>"#) && refused.text.contains("ZZZZ-ZZZZ,no_show"))
            #expect(try await attendance().count == 1, "a sheet is applied whole or not at all")

            // A good sheet: applied, and how many of each said.
            try await browser.open(list + "?lang=en")
            let sheet = "code,attendance,name\n\(people[1].code.lowercased()),attended,Bakyt\n\(people[2].code),no_show,Cholpon\n"
            let applied = try await browser.submit(sheetPath, [("sheet", sheet)])
            #expect(applied.status == .ok && applied.text.contains("The sheet was applied. Attended / did not come: 1 / 1"), "\(applied.text.suffix(2000))")
            #expect(try await attendance().values.sorted() == ["attended", "attended", "no_show"])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func staffSetTheCapacityAndModerationOnTheEventsPage(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, id, staff) = try await site.openHearing(capacity: 0)
            let browser = staff.browser
            let page = try await browser.open(staff.path + "?lang=en")
            #expect(page.text.contains(#"action="\#(staff.path)/registration-settings""#) && page.text.contains(#"name="capacity" type="number""#))
            let settings = staff.path + "/registration-settings"
            let refused = try await browser.submit(settings, [("capacity", "lots")])
            #expect(refused.status == .unprocessableContent && refused.text.contains("Enter a number from 0 to 100,000."))
            #expect(refused.text.contains(#"<details class="change" id="registration-settings" open>"#) && refused.text.contains(#"value="lots""#))
            #expect(try await browser.submit(settings, [("capacity", "100001")]).status == .unprocessableContent)

            let saved = try await browser.submit(settings, [("capacity", "2"), ("moderated", "yes")])
            #expect(saved.status == .seeOther && saved.headers[.location] == staff.path)
            let summary = try await site.api(.get, "/api/v1/events/\(id)/registrations/summary", token: admin).text
            #expect(summary.contains(#""capacity":2"#) && summary.contains(#""moderated":true"#), "\(summary)")
            let again = try await browser.open(staff.path)
            #expect(again.text.contains(#"name="capacity" type="number" min="0" max="100000" inputmode="numeric" value="2""#))
            #expect(again.text.contains(#"name="moderated" type="checkbox" value="yes" checked"#))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theReportShowsAndEditsTheDisaggregatedCounts(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, id, staff) = try await site.openHearing(capacity: 0)
            let browser = staff.browser
            for step in ["registration_closed", "held"] { try await site.change(browser, staff.path, "transition", [("to", step)]) }
            let drafted = try await site.api(
                .post, "/api/v1/events/\(id)/report", token: admin,
                json: [
                    "minutes": ["en": "Water in At-Bashy"], "attendeeCount": 10, "participants": ["sex": ["female": 6, "male": 3]],
                    "unregistered": ["attendeeCount": 2, "participants": ["sex": ["female": 1]]],
                ])
            #expect(drafted.status == .created, "\(drafted.text)")

            let report = staff.path + "/report"
            let page = try await browser.open(report + "?lang=en")
            #expect(page.text.contains("<h2>Participants by group</h2>") && page.text.contains("<dt>Female</dt><dd>6</dd>"))
            #expect(page.text.contains(#"name="count.sex.female" type="number" min="0" max="100000" inputmode="numeric" value="6""#))
            #expect(page.text.contains("<dt>Of them, came without registering</dt><dd>2</dd>"))
            let version = try EventPagesTests.version(in: page.text)
            func save(_ counts: [(String, String)]) async throws -> TestResponse {
                try await browser.submit(
                    report, [("version", version), ("minutes", "Water in At-Bashy"), ("attendeeCount", "10")] + counts)
            }
            // A count that is no number, or counts above the attendees: the form again, the message by the counts.
            let notANumber = try await save([("count.sex.female", "six")])
            #expect(notANumber.status == .unprocessableContent && notANumber.text.contains("Each number must be from 0 to 100,000"))
            #expect(notANumber.text.contains(#"name="count.sex.female" type="number" min="0" max="100000" inputmode="numeric" value="six""#))
            let tooMany = try await save([("count.sex.female", "8"), ("count.sex.male", "5")])
            #expect(
                tooMany.status == .unprocessableContent && tooMany.text.contains("Each number must be from 0 to 100,000"),
                "\(tooMany.status) \(tooMany.headers[.location] ?? "") \(tooMany.text.suffix(2000))")

            let saved = try await save([("count.sex.female", "5"), ("count.sex.male", ""), ("count.ageBand.60_plus", "2")])
            #expect(saved.status == .seeOther, "\(saved.text.suffix(2000))")
            struct Report: Decodable {
                struct Unregistered: Decodable, Equatable {
                    let attendeeCount: Int
                    let participants: [String: [String: Int]]
                }
                let participants: [String: [String: Int]]
                let unregistered: Unregistered
            }
            let storedReport = try await site.api(.get, "/api/v1/events/\(id)/report", token: admin).decoded(as: Report.self)
            let stored = storedReport.participants
            #expect(stored["sex"] == ["female": 5] && stored["ageBand"] == ["60_plus": 2] && (stored["stakeholderType"] ?? [:]).isEmpty)
            // The hand counts of those who came unregistered, which the page does not edit, are kept.
            #expect(storedReport.unregistered.attendeeCount == 2 && storedReport.unregistered.participants["sex"] == ["female": 1])
        }
    }
}

/// The texts the attendance, settings and counts forms name in code (the templates' own are checked by
/// `WebPagesTests`), in every catalogue.
@Suite struct EventAttendanceTextsTests {
    @Test func everyCatalogueHasTheAttendanceSettingsAndCountsTexts() throws {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/Web/Sources/Resources")
        let sheetErrors = ["code", "attendance", "unknown", "repeated", "inactive", "header", "sheet", "line", "empty", "size", "more"]
            .map { "events_s21_sheet_error_\($0)" }
        let dimensions = ["sex", "ageBand", "stakeholderType", "vulnerableGroup"].map { "events_s21_counts_\($0)" }
        let keys =
            sheetErrors + dimensions + [
                "events_s21_sheet_line", "events_s21_sheet_applied", "events_s21_sheet_not_open", "events_s21_settings_final",
                "events_s21_settings_error_capacity", "events_s21_report_error_counts",
            ]
        for name in ["ky.json", "ru.json", "en.json"] {
            let catalogue = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: resources.appendingPathComponent(name)))
            #expect(keys.allSatisfy { catalogue[$0]?.isEmpty == false }, "\(name) lacks \(keys.filter { catalogue[$0] == nil })")
        }
    }
}
