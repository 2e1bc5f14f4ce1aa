import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// A duty-bearer's and a council's scorecard page lists the recommendations below the numbers, 20 a page with a
/// "more" link that keeps the status filter; each opens on a public page with its history; the event page links
/// its recommendations' duty-bearers' scorecards. Both databases.
@Suite struct EventScorecardPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func theScorecardListsTheRecommendationsInPagesAndEachOpensWithItsHistory(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let (admin, id, staff) = try await site.openHearing(capacity: 0)
            for step in ["registration_closed", "held"] { try await site.change(staff.browser, staff.path, "transition", [("to", step)]) }
            let ministry = try await site.organization(admin, type: "state_body", name: "Ministry of Water")
            let akimiat = try await site.organization(admin, type: "state_body", name: "Naryn Akimiat")
            var made: [String] = []
            // The first one long overdue, the rest due next year.
            for index in 0..<22 {
                let response = try await site.api(
                    .post, "/api/v1/events/\(id)/recommendations", token: admin,
                    json: ["text": ["en": "Recommendation \(index)"], "dutyBearerId": ministry, "dueOn": index == 0 ? "2020-01-31" : "2099-06-30"])
                #expect(response.status == .created, "\(response.text)")
                made.append(try response.decoded(as: StaffPages.Created.self).id.lowercased())
            }
            let other = try await site.api(
                .post, "/api/v1/events/\(id)/recommendations", token: admin,
                json: ["text": ["en": "Publish the schedule"], "dutyBearerId": akimiat, "dueOn": "2099-06-30"])
            #expect(other.status == .created)
            // The second one rejected on the staff page, with a letter as evidence.
            let staffPage = staff.path + "/recommendations/\(made[1])"
            let shown = try await staff.browser.open(staffPage)
            let moved = try await staff.browser.submit(
                staffPage + "/transition",
                [("version", try EventPagesTests.version(in: shown.text)), ("to", "rejected"), ("evidenceKind", "note"), ("evidence", "Letter No. 7")])
            #expect(moved.status == .seeOther, "\(moved.text.suffix(1500))")

            // The public: the 22 newest first, 20 on the first page, the rest behind "more".
            let visitor = PageVisitor(site.gateway)
            let card = try await visitor.open("/events/scorecard?dutyBearer=\(ministry)&lang=en")
            #expect(card.status == .ok && card.text.contains(#"<strong class="count">22</strong>"#))
            #expect(card.text.matches(of: /<li>\s*<p><a href="\/events\/recommendations\//).count == 20)
            #expect(card.text.contains("Recommendation 21") && !card.text.contains("Recommendation 1<"))
            #expect(card.text.contains(#"href="/events/\#(id)""#) && card.text.contains("Public hearing on water"))
            let moreLink = /<a href="(\/events\/scorecard\?dutyBearer=[0-9a-f-]+&amp;cursor=[A-Za-z0-9_-]+)">More recommendations<\/a>/
            let more = try #require(card.text.firstMatch(of: moreLink)).1
            let second = try await visitor.open(String(more).replacingOccurrences(of: "&amp;", with: "&") + "&lang=en")
            #expect(second.text.contains("Recommendation 1<") && second.text.contains("Recommendation 0<"))
            #expect(second.text.contains(#"<span class="overdue">Overdue</span>"#) && !second.text.contains("More recommendations"))
            #expect(second.text.contains("Rejected"))

            // The status filter, a plain GET form; its "more" link keeps it.
            #expect(card.text.contains(#"<input type="hidden" name="dutyBearer" value="\#(ministry)">"#))
            let rejected = try await visitor.open("/events/scorecard?dutyBearer=\(ministry)&status=rejected&lang=en")
            #expect(rejected.text.contains(#"<option value="rejected" selected>Rejected</option>"#))
            #expect(rejected.text.contains("Recommendation 1<") && !rejected.text.contains("Recommendation 2<"))
            let proposed = try await visitor.open("/events/scorecard?dutyBearer=\(ministry)&status=proposed&lang=en")
            #expect(proposed.text.contains(#"status=proposed&amp;cursor="#))
            let none = try await visitor.open("/events/scorecard?dutyBearer=\(ministry)&status=implemented&lang=en")
            #expect(none.text.contains("No recommendations with this status."))
            // A stale cursor: the first page again, not an error.
            #expect(try await visitor.open("/events/scorecard?dutyBearer=\(ministry)&cursor=stale&lang=en").text.contains("Recommendation 21"))

            // A council's page names each duty-bearer.
            let council = try #require(try await visitor.open("/events/\(id)?lang=en").text.firstMatch(of: /scorecard\?council=([0-9a-f-]+)/)).1
            let councilCard = try await visitor.open("/events/scorecard?council=\(council)&lang=ru")
            #expect(councilCard.text.contains(#"<strong class="count">23</strong>"#) && councilCard.text.contains("Naryn Akimiat · "))
            #expect(councilCard.text.contains("Ещё рекомендации") && councilCard.text.contains("Рекомендации мероприятий: Naryn Public Council"))

            // One recommendation's public page: the event, the duty-bearer's scorecard, the history with its evidence.
            let one = try await visitor.open("/events/recommendations/\(made[1])?lang=en")
            #expect(one.status == .ok && one.text.contains("Recommendation 1") && one.text.contains(#"href="/events/\#(id)""#))
            #expect(one.text.contains(#"<a href="/events/scorecard?dutyBearer=\#(ministry)">Ministry of Water</a>"#))
            #expect(one.text.contains("Proposed → <strong>Rejected</strong>") && one.text.contains("Letter No. 7"))
            #expect(!one.text.contains(staff.path), "no staff link")
            #expect(try await visitor.open("/events/recommendations/\(UUID().uuidString.lowercased())").status == .notFound)

            // The event page links its recommendations' duty-bearers' scorecards, each once.
            let event = try await visitor.open("/events/\(id)?lang=en")
            #expect(event.text.contains("Recommendations made here are addressed to"))
            #expect(event.text.components(separatedBy: "/events/scorecard?dutyBearer=\(ministry)").count == 2, "linked once")
            #expect(event.text.contains("/events/scorecard?dutyBearer=\(akimiat)"))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aRecommendationOfAnEventThePublicMayNotSeeIsNotFound(kind: DatabaseKind) async throws {
        try await EventPages.with(kind) { site in
            let admin = try await site.adminToken()
            let council = try await site.organization(admin, type: "public_council", name: "Naryn Public Council", region: "KG-N")
            let ministry = try await site.organization(admin, type: "state_body", name: "Ministry of Water")
            let coordinator = try await site.user(roles: ["coordinator"], organization: council)
            let browser = PageVisitor(site.gateway)
            try await site.signIn(browser, coordinator.email, next: "/staff/events")
            try await browser.open("/staff/events/new")
            let fields = EventPagesTests.hearing(organizer: council).map { $0.0 == "visibility" ? ($0.0, "internal") : $0 }
            let created = try await browser.submit("/staff/events/new", fields)
            let path = try #require(created.headers[.location])
            let id = String(path.dropFirst("/staff/events/".count))
            for step in ["published", "registration_open", "registration_closed", "held"] {
                try await site.change(browser, path, "transition", [("to", step)])
            }
            let made = try await site.api(
                .post, "/api/v1/events/\(id)/recommendations", token: admin,
                json: ["text": ["en": "Hidden"], "dutyBearerId": ministry, "dueOn": "2099-06-30"])
            let recommendation = try made.decoded(as: StaffPages.Created.self).id.lowercased()
            let visitor = PageVisitor(site.gateway)
            #expect(try await visitor.open("/events/recommendations/\(recommendation)").status == .notFound)
            let card = try await visitor.open("/events/scorecard?dutyBearer=\(ministry)&lang=en")
            #expect(card.text.contains(#"<strong class="count">0</strong>"#) && card.text.contains("No recommendations of public events yet."))
        }
    }
}
