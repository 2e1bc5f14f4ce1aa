import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// Invitations on the staff pages: a ministry's official invited from the directory with a role, their answer
/// recorded, and whether they came, so "officials who came" is a number.
@Suite struct EventInvitationPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aCoordinatorInvitesAMinistryRecordsItsAnswerAndThatItsOfficialCame(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, id, staff) = try await site.openHearing(capacity: 0)
            let ministry = try await site.organization(admin, type: "state_body", name: "Ministry of Water")
            let browser = staff.browser
            let invitations = staff.path + "/invitations"
            #expect(try await browser.open(staff.path + "?lang=en").text.contains(#"href="\#(invitations)""#))
            #expect(try await PageVisitor(site.gateway).open(invitations).headers[.location] == "/sign-in?next=\(invitations)")

            // The form offers the directory's duty-bearers; nobody named: the message by the field.
            let page = try await browser.open(invitations + "?lang=en")
            #expect(page.status == .ok && page.text.contains(#"<option value="\#(ministry)">Ministry of Water</option>"#))
            let refused = try await browser.submit(invitations, [("role", "official")])
            #expect(refused.status == .unprocessableContent && refused.text.contains("Choose an organisation or give a person&#39;s name"))
            #expect(refused.text.contains(#"<details class="change" id="invite" open>"#))

            // Invited, once even when the form is sent twice.
            let key = try EventRegistrationPagesTests.idempotencyKey(in: page.text)
            let fields = [("organizationId", ministry), ("inviteeName", "Deputy Minister A. Sadykov"), ("role", "official"), ("idempotencyKey", key)]
            for _ in 0..<2 {
                let sent = try await browser.submit(invitations, fields)
                #expect(sent.status == .seeOther && sent.headers[.location] == invitations, "\(sent.text.suffix(2000))")
            }
            var list = try await browser.open(invitations)
            #expect(list.text.components(separatedBy: "Deputy Minister A. Sadykov, Ministry of Water").count == 2, "one invitation")
            #expect(list.text.contains(#"<span class="status">Official</span> <span class="status">Sent</span>"#))
            let invitation = try #require(list.text.firstMatch(of: /action="[^"]+\/invitations\/([0-9a-f-]{36})\/rsvp"/)).1

            // Each form carries the version it shows, sent on as If-Match.
            #expect(list.text.contains(#"<input type="hidden" name="version" value="1">"#))
            // The answer, then an answer that cannot follow it: the list with a notice, nothing changed.
            let accepted = try await browser.submit(invitations + "/\(invitation)/rsvp", [("rsvp", "accepted"), ("note", "By phone"), ("version", "1")])
            #expect(accepted.status == .seeOther)
            let illegal = try await browser.submit(invitations + "/\(invitation)/rsvp", [("rsvp", "no_response"), ("version", "2")])
            #expect(illegal.status == .conflict && illegal.text.contains("Nothing was changed"))
            // A form from before that answer (another steward's page) changes nothing; nor one without a version.
            let stale = try await browser.submit(invitations + "/\(invitation)/rsvp", [("rsvp", "declined"), ("version", "1")])
            #expect(stale.status == .preconditionFailed && stale.text.contains("Nothing was changed"))
            #expect(try await browser.submit(invitations + "/\(invitation)/rsvp", [("rsvp", "declined")]).status == .badRequest)
            #expect(try await browser.submit(invitations + "/\(invitation)/rsvp", [("rsvp", "declined"), ("version", "+2")]).status == .badRequest)
            // Came: counted among the officials who came.
            let came = try await browser.submit(invitations + "/\(invitation)/attendance", [("attendance", "attended"), ("version", "2")])
            #expect(came.status == .seeOther)
            list = try await browser.open(invitations)
            #expect(list.text.contains("<span class=\"status\">Accepted</span> <span class=\"status\">Attended</span>"))
            #expect(list.text.contains(#"<dt>Officials who came</dt><dd><strong class="count">1</strong></dd>"#))
            let counts = try await site.api(.get, "/api/v1/events/\(id)/invitations/summary", token: admin)
            #expect(counts.text.contains(#""officialsAttended":1"#) && counts.text.contains(#""officialsAccepted":1"#), "\(counts.text)")
        }
    }
}
