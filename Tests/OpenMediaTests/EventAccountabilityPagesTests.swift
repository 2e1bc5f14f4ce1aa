import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// The report and the recommendations of a held hearing on the staff pages: the report drafted, edited,
/// submitted and approved; a recommendation to a ministry recorded and moved with evidence, its progress and history.
@Suite struct EventAccountabilityPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aCoordinatorWritesTheReportAndFollowsARecommendationToAMinistry(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, _, staff) = try await site.openHearing(capacity: 0)
            let ministry = try await site.organization(admin, type: "state_body", name: "Ministry of Water")
            let browser = staff.browser
            for step in ["registration_closed", "held"] { try await site.change(browser, staff.path, "transition", [("to", step)]) }
            let reportPath = staff.path + "/report"
            #expect(try await browser.open(staff.path + "?lang=en").text.contains(#"href="\#(reportPath)""#))

            // The draft: the page's checks and then the report, its issues one per line and the related appeals by ID.
            let empty = try await browser.open(reportPath + "?lang=en")
            #expect(empty.status == .ok && empty.text.contains(#"action="\#(reportPath)""#))
            let refused = try await browser.submit(reportPath, [("minutes", " "), ("attendeeCount", "42"), ("appeals", "not an appeal")])
            #expect(
                refused.status == .unprocessableContent && refused.text.contains("Write the minutes.") && refused.text.contains("must be an appeal&#39;s ID"))
            #expect(refused.text.contains(#"value="42""#))
            let appeal = UUID().uuidString.lowercased()
            let drafted = try await browser.submit(
                reportPath,
                [("minutes", "Residents asked for clean water."), ("attendeeCount", "42"), ("issues", "Broken pipe\nNo schedule"), ("appeals", appeal)])
            #expect(drafted.status == .seeOther && drafted.headers[.location] == reportPath, "\(drafted.text.suffix(2000))")
            var report = try await browser.open(reportPath)
            #expect(report.text.contains("Residents asked for clean water.") && report.text.contains("<li>Broken pipe</li>"))
            #expect(report.text.contains(#"href="/staff/appeals/\#(appeal)""#) && report.text.contains("Draft"))
            let draftVersion = try EventPagesTests.version(in: report.text)
            let edited = try await browser.submit(
                reportPath, [("version", draftVersion), ("minutes", "Residents asked for clean water."), ("attendeeCount", "45"), ("issues", "Broken pipe")])
            #expect(edited.status == .seeOther)
            // A form shown before that edit: the "changed meanwhile" page.
            let stale = try await browser.submit(reportPath + "/transition", [("version", draftVersion), ("to", "submitted")])
            #expect(stale.status == .conflict)
            for step in ["submitted", "approved"] {
                report = try await browser.open(reportPath)
                let moved = try await browser.submit(reportPath + "/transition", [("version", try EventPagesTests.version(in: report.text)), ("to", step)])
                #expect(moved.status == .seeOther, "\(step): \(moved.text.suffix(1500))")
            }
            report = try await browser.open(reportPath)
            #expect(report.text.contains("<dd>45</dd>") && report.text.contains("Approved") && !report.text.contains(#"action="\#(reportPath)""#))

            // A recommendation addressed to the ministry, chosen from the directory.
            let list = staff.path + "/recommendations"
            let form = try await browser.open(list + "?lang=en")
            #expect(form.text.contains(#"<option value="\#(ministry)">Ministry of Water</option>"#))
            let missing = try await browser.submit(list, [("text", "Repair the pipe")])
            #expect(missing.status == .unprocessableContent && missing.text.contains("Choose the organisation it is addressed to."))
            let made = try await browser.submit(list, [("text", "Repair the pipe in At-Bashy"), ("dutyBearerId", ministry), ("dueOn", "2027-06-30")])
            #expect(made.status == .seeOther, "\(made.text.suffix(1500))")
            let listed = try await browser.open(list)
            #expect(listed.text.contains("Repair the pipe in At-Bashy") && listed.text.contains("Ministry of Water") && listed.text.contains("Proposed"))
            let link = try #require(listed.text.firstMatch(of: /href="(\/staff\/events\/[0-9a-f-]+\/recommendations\/[0-9a-f-]{36})"/)).1
            let page = String(link)

            // Each move needs its evidence: said by the field; then accepted on a letter, in progress on a link, 40 % done.
            var shown = try await browser.open(page)
            let noEvidence = try await browser.submit(page + "/transition", [("version", try EventPagesTests.version(in: shown.text)), ("to", "accepted")])
            #expect(noEvidence.status == .unprocessableContent && noEvidence.text.contains("Give the evidence"))
            let moves: [[(String, String)]] = [
                [("to", "accepted"), ("evidenceKind", "note"), ("evidence", "Letter No. 12 of the Ministry")],
                [("to", "in_progress"), ("evidenceKind", "link"), ("evidence", "https://water.gov.kg/plan")],
            ]
            for move in moves {
                shown = try await browser.open(page)
                let sent = try await browser.submit(page + "/transition", [("version", try EventPagesTests.version(in: shown.text))] + move)
                #expect(sent.status == .seeOther, "\(sent.text.suffix(1500))")
            }
            shown = try await browser.open(page)
            let progressed = try await browser.submit(
                page + "/progress", [("version", try EventPagesTests.version(in: shown.text)), ("progress", "40"), ("evidence", "Works began")])
            #expect(progressed.status == .seeOther, "\(progressed.text.suffix(1500))")
            shown = try await browser.open(page)
            #expect(shown.text.contains("<dd>40%</dd>") && shown.text.contains("In progress"))
            #expect(shown.text.contains(#"<a href="https://water.gov.kg/plan" rel="noopener">"#) && shown.text.contains("Letter No. 12 of the Ministry"))
            #expect(shown.text.contains("Proposed → <strong>Accepted</strong>"))
            let card = try await PageVisitor(site.gateway).open("/events/scorecard?dutyBearer=\(ministry)&lang=en")
            #expect(card.text.contains(#"<strong class="count">1</strong>"#))
        }
    }
}
