import Appeals
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import TestSupport
import Testing

/// The staff pages for appeals, with appeals and the gateway running: a coordinator works an appeal from the
/// inbox to publication through the forms alone, a stale form gets the "changed meanwhile" page, and those
/// the API refuses are refused by the pages too.
@Suite struct StaffAppealPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aCoordinatorWorksAnAppealFromTheInboxToPublicationThroughTheForms(kind: DatabaseKind) async throws {
        try await StaffPages.with(kind) { site in
            let appealID = try await site.submitAppeal(region: "KG-N")
            let coordinator = try await site.user(roles: ["coordinator"], displayName: "Aigul Coordinator")

            // Not signed in: to the sign-in page, which leads back to the inbox.
            let browser = PageVisitor(site.gateway)
            let anonymous = try await browser.open("/staff/appeals?lang=en")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in?next=/staff/appeals%3Flang%3Den")
            try await site.signIn(browser, coordinator.email, next: "/staff/appeals")

            // The inbox: the appeal, the overdue count, filters that find it and filters that do not.
            let inbox = try await browser.open("/staff/appeals?lang=en")
            #expect(inbox.status == .ok)
            #expect(inbox.text.contains(#"href="/staff/appeals/\#(appealID)""#))
            #expect(inbox.text.contains(#"<strong class="count">0</strong>"#))
            #expect(inbox.text.contains("Naryn Region") && inbox.text.contains("Received"))
            #expect(try await browser.open("/staff/appeals?status=received&region=KG-N").text.contains(appealID))
            let elsewhere = try await browser.open("/staff/appeals?region=KG-B")
            #expect(!elsewhere.text.contains(appealID) && elsewhere.text.contains("No appeals match these filters."))
            #expect(!(try await browser.open("/staff/appeals?overdue=on").text.contains(appealID)))
            #expect(!(try await browser.open("/staff/appeals?mine=on").text.contains(appealID)))
            // Values the API would refuse are dropped, not sent: the inbox still answers.
            #expect(try await browser.open("/staff/appeals?status=nonsense&region=XX&cursor=%21%21").status == .ok)

            // The case page: what the appellant wrote, the forms a coordinator may use.
            let casePath = "/staff/appeals/\(appealID)"
            var page = try await browser.open(casePath)
            #expect(page.status == .ok && page.text.contains("The school refuses to enrol my daughter."))
            #expect(page.text.contains(#"action="\#(casePath)/transition""#) && page.text.contains(#"action="\#(casePath)/assignment""#))
            #expect(!page.text.contains(#"action="\#(casePath)/verification""#), "fact-checks wait for the verification step")
            let firstVersion = try Self.version(in: page.text)

            try await site.change(browser, casePath, "transition", [("to", "in_verification"), ("note", "Checking with the school.")])

            // A fact-check with problems: the form again, in Russian, with the input kept and messages by the fields.
            page = try await browser.open(casePath + "?lang=ru")
            let refused = try await browser.submit(
                casePath + "/verification",
                [("version", try Self.version(in: page.text)), ("sourcesChecked", " \n "), ("evidenceNotes", "Письмо об отказе"), ("outcome", "maybe")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Ничего не сохранено: проверьте отмеченные поля."))
            #expect(refused.text.contains("Укажите от 1 до 50 источников") && refused.text.contains("Выберите результат проверки."))
            #expect(refused.text.contains(">Письмо об отказе</textarea>"))
            #expect(refused.text.contains(#"aria-describedby="verification-sourcesChecked-error""#))
            #expect(!refused.text.contains("must list"), "never the API's English message")
            // A problem the API finds (a source over its limit) comes back the same way.
            let tooLong = try await browser.submit(
                casePath + "/verification",
                [
                    ("version", try Self.version(in: page.text)), ("sourcesChecked", String(repeating: "ж", count: 600)), ("evidenceNotes", ""),
                    ("outcome", "confirmed"),
                ])
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains("Укажите от 1 до 50 источников"))
            try await browser.open(casePath + "?lang=en")

            try await site.change(
                browser, casePath, "verification",
                [("sourcesChecked", "school director\ndistrict education office"), ("evidenceNotes", "Refusal letter seen."), ("outcome", "confirmed")])
            try await site.change(browser, casePath, "transition", [("to", "verified")])
            // The assignment form offers the directory's staff by name.
            page = try await browser.open(casePath)
            #expect(page.text.contains(#"<option value="\#(coordinator.id)">Aigul Coordinator</option>"#))
            try await site.change(browser, casePath, "assignment", [("verifier", coordinator.id), ("legalExpert", "")])
            #expect(try await browser.open(casePath).text.contains(#"<option value="\#(coordinator.id)" selected>Aigul Coordinator</option>"#))
            // Referrals go to a duty-bearer of the directory, or to another body by name: one of the two.
            let ministry = try await site.api(
                .post, "/api/v1/organizations", token: try await site.adminToken(), json: ["type": "state_body", "name": ["en": "Ministry of Education"]])
            let ministryID = try ministry.decoded(as: StaffPages.Created.self).id.lowercased()
            page = try await browser.open(casePath)
            #expect(page.text.contains(#"<option value="\#(ministryID)">Ministry of Education</option>"#))
            let neither = try await browser.submit(
                casePath + "/referral", [("version", try Self.version(in: page.text)), ("organizationId", ""), ("bodyName", " ")])
            #expect(neither.status == .unprocessableContent && neither.text.contains("Choose a duty-bearer from the directory or name another body"))
            try await site.change(browser, casePath, "referral", [("organizationId", ministryID), ("dueAt", "2026-12-31")])
            try await site.change(browser, casePath, "referral", [("bodyName", "District education office"), ("dueAt", "2026-12-31")])
            #expect(try await browser.open(casePath).text.contains("<li><strong>Ministry of Education</strong>"))
            page = try await browser.open(casePath)
            let referralID = try #require(
                page.text.firstMatch(of: /id="reply-referral"[^>]*>\s*<option value="">[^<]*<\/option>\s*<option value="([0-9a-f-]{36})"/)?.1)
            try await site.change(browser, casePath, "reply", [("referral", String(referralID)), ("reply", "She will be enrolled.")])
            try await site.change(browser, casePath, "extension", [("days", "10"), ("reason", "Waiting for the school board.")])
            try await site.change(
                browser, casePath, "response",
                [("text", "The law guarantees enrolment; the school must admit her."), ("channel", "written"), ("isPublic", "on")])
            try await site.change(
                browser, casePath, "publication",
                [("title.en", "School refused a girl's enrolment"), ("summary.en", "Resolved after a referral."), ("publicLocality", "Naryn")])

            page = try await browser.open(casePath)
            #expect(page.text.contains("Answered") && page.text.contains("A redacted version is published."))
            #expect(page.text.contains("She will be enrolled.") && page.text.contains("The law guarantees enrolment"))
            #expect(page.text.contains("Waiting for the school board.") && page.text.contains("Refusal letter seen."))
            #expect(page.text.contains(#"action="\#(casePath)/withdrawal""#))
            // People by their names in the directory, the appellant as such: never a bare ID or "anonymous".
            #expect(page.text.contains("Aigul Coordinator</span>") && page.text.contains("· The appellant (not signed in)"))
            #expect(!page.text.contains("· \(coordinator.id)") && !page.text.contains("· anonymous"))
            // The public copy as the public reads it, and in the form to edit it.
            #expect(page.text.contains("<p><strong>School refused a girl&#39;s enrolment</strong></p>"))
            #expect(page.text.contains(#"name="title.en" type="text" maxlength="200" value="School refused a girl&#39;s enrolment""#))
            #expect(try await site.api(.get, "/api/v1/appeals/published").text.contains("School refused a girl's enrolment"))
            // Mine now: the coordinator is its verifier.
            #expect(try await browser.open("/staff/appeals?mine=on").text.contains(appealID))

            // A form shown before all that: the "changed meanwhile" page, with what was typed and the way back.
            let stale = try await browser.submit(casePath + "/transition", [("version", firstVersion), ("to", "rejected"), ("note", "Looks unfounded.")])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone changed this appeal meanwhile") && stale.text.contains("Change the status"))
            #expect(stale.text.contains("Looks unfounded.") && stale.text.contains(#"href="\#(casePath)""#))
            #expect(stale.text.contains(#"<dd class="text">Rejected</dd>"#), "a choice is shown as its text, not its code")
            // Its language links lead back to the case page in that language.
            #expect(try await browser.open(casePath + "/transition?lang=ru").headers[.location] == casePath + "?lang=ru")
            #expect(try await site.api(.get, "/api/v1/appeals/\(appealID)", token: try await site.adminToken()).text.contains(#""status":"answered""#))
        }
    }

    @Test func aJournalistThePublicAndAFormWithoutItsTokenAreRefused() async throws {
        try await StaffPages.with(.sqlite) { site in
            let appealID = try await site.submitAppeal(region: "KG-C")
            let casePath = "/staff/appeals/\(appealID)"

            let outlet = try await site.api(
                .post, "/api/v1/organizations", token: try await site.adminToken(), json: ["type": "media_outlet", "name": ["en": "Radio Azattyk"]])
            let journalist = try await site.user(roles: ["journalist"], organization: try outlet.decoded(as: StaffPages.Created.self).id)
            let browser = PageVisitor(site.gateway)
            try await site.signIn(browser, journalist.email, next: "/staff/appeals")
            let inbox = try await browser.open("/staff/appeals?lang=en")
            #expect(inbox.status == .forbidden && inbox.text.contains("Access denied"))
            let casePage = try await browser.open(casePath)
            #expect(casePage.status == .notFound && casePage.text.contains("Page not found"))

            // A council member of the appeal's region reads the council's view: no personal data, no forms.
            let council = try await site.api(
                .post, "/api/v1/organizations", token: try await site.adminToken(),
                json: ["type": "public_council", "name": ["en": "Chüy council"], "regionCode": "KG-C"])
            let member = try await site.user(roles: ["council_member"], organization: try council.decoded(as: StaffPages.Created.self).id)
            let reader = PageVisitor(site.gateway)
            try await site.signIn(reader, member.email, next: casePath)
            let councilView = try await reader.open(casePath + "?lang=en")
            #expect(councilView.status == .ok && councilView.text.contains("Chüy Region"))
            #expect(!councilView.text.contains("refuses to enrol") && !councilView.text.contains("At-Bashy"))
            #expect(councilView.text.contains("Your role lets you read this appeal, not change it.") && !councilView.text.contains(#"name="version""#))
            #expect(try await reader.open("/staff/appeals").text.contains(casePath))

            // The public: to the sign-in page, for a page and for a form alike.
            let visitor = PageVisitor(site.gateway)
            #expect(try await visitor.open(casePath).headers[.location] == "/sign-in?next=\(casePath)")
            try await visitor.open("/sign-in")
            let posted = try await visitor.submit(casePath + "/transition", [("version", "\"1\""), ("to", "in_verification")])
            #expect(posted.status == .seeOther && posted.headers[.location] == "/sign-in?next=\(casePath)")

            // A coordinator's form without its token changes nothing.
            let coordinator = try await site.user(roles: ["coordinator"])
            let staff = PageVisitor(site.gateway)
            try await site.signIn(staff, coordinator.email, next: casePath)
            let page = try await staff.open(casePath + "?lang=en")
            let version = try Self.version(in: page.text)
            let forged = try await staff.submit(casePath + "/transition", [("version", version), ("to", "in_verification"), ("csrf", "")])
            #expect(forged.status == .forbidden && forged.text.contains("The form was not accepted"))
            let crossSite = try await staff.submit(
                casePath + "/transition", [("version", version), ("to", "in_verification")], headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            #expect(try await staff.open(casePath).text.contains("Received"))
            // An unknown change or appeal is the 404 page.
            #expect(try await staff.submit(casePath + "/nonsense", [("version", version)]).status == .notFound)
            #expect(try await staff.open("/staff/appeals/\(UUID().uuidString.lowercased())").status == .notFound)
        }
    }

    @Test func theInboxPagesByCursorKeepingItsFilters() async throws {
        try await StaffPages.with(.sqlite) { site in
            var submitted = Set<String>()
            for _ in 0..<51 { submitted.insert(try await site.submitAppeal(region: "KG-T")) }
            try await site.submitAppeal(region: "KG-B")
            let coordinator = try await site.user(roles: ["coordinator"])
            let browser = PageVisitor(site.gateway)
            try await site.signIn(browser, coordinator.email, next: "/staff/appeals")

            let first = try await browser.open("/staff/appeals?region=KG-T&lang=en")
            let next = try #require(first.text.firstMatch(of: /<a href="([^"]+)" rel="next">/)?.1).replacingOccurrences(of: "&amp;", with: "&")
            #expect(next.hasPrefix("/staff/appeals?region=KG-T&cursor="))
            let second = try await browser.open(String(next))
            #expect(!second.text.contains(#"rel="next""#))
            let shown = Set((first.text + second.text).matches(of: /href="\/staff\/appeals\/([0-9a-f-]{36})"/).map { String($0.1) })
            #expect(shown == submitted, "each appeal of the region once, on one of the two pages")
        }
    }

    @Test func theInboxCountsAndFindsOverdueAppeals() async throws {
        let clock = TestClock(Date())
        try await StaffPages.with(.sqlite, clock: clock) { site in
            let late = try await site.submitAppeal(region: "KG-T")
            let coordinator = try await site.user(roles: ["coordinator"])
            let browser = PageVisitor(site.gateway)
            try await site.signIn(browser, coordinator.email, next: "/staff/appeals")
            #expect(!(try await browser.open("/staff/appeals?overdue=on&lang=en").text.contains(late)))

            clock.set(Date().addingTimeInterval(90 * 86_400))
            let fresh = try await site.submitAppeal(region: "KG-T")
            let inbox = try await browser.open("/staff/appeals?lang=en")
            #expect(inbox.text.contains(#"<strong class="count">1</strong>"#))
            #expect(inbox.text.contains(#"<span class="overdue">overdue</span>"#))
            let overdue = try await browser.open("/staff/appeals?overdue=on")
            #expect(overdue.text.contains(late) && !overdue.text.contains(fresh))
            #expect(try await browser.open("/staff/appeals/\(late)").text.contains(#"<span class="overdue">overdue</span>"#))
        }
    }

    /// The version a case page's forms carry, as a browser would send it back.
    static func version(in html: String) throws -> String {
        let match = try #require(html.firstMatch(of: /name="version" value="([^"]*)"/))
        return String(match.1).replacingOccurrences(of: "&quot;", with: "\"")
    }
}

/// Appeals on a port of its own behind a gateway driven in-process, and the API calls that set the scene.
struct StaffPages {
    let gateway: any TestClientProtocol

    /// `clock` is the appeals service's time, which decides what is overdue.
    static func with(_ kind: DatabaseKind, clock: TestClock? = nil, _ body: @Sendable (StaffPages) async throws -> Void) async throws {
        let now: @Sendable () -> Date
        if let clock { now = clock.reading } else { now = { Date() } }
        try await ServiceHarness.run(AppealsService.definition, on: kind, setup: .live, clock: now) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], on: kind) { gateway in
                try await body(StaffPages(gateway: gateway.client))
            }
        }
    }

    /// Calls the API through the gateway.
    @discardableResult
    func api(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: [String: Any]? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
        return try await gateway.execute(uri: path, method: method, headers: headers, body: body)
    }

    func adminToken() async throws -> String {
        try await token(TestConfiguration.adminEmail, TestConfiguration.adminPassword)
    }

    func token(_ email: String, _ password: String) async throws -> String {
        let response = try await api(.post, "/api/v1/auth/login", json: ["email": email, "password": password])
        return try response.decoded(as: SignedIn.self).accessToken
    }

    /// A new user with `roles`, made by the admin.
    func user(roles: [String], organization: String? = nil, displayName: String = "Staff") async throws -> (email: String, id: String) {
        let email = "staff-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        var fields: [String: Any] = ["email": email, "displayName": displayName, "password": Self.password, "roles": roles]
        fields["organizationId"] = organization
        let created = try await api(.post, "/api/v1/users", token: try await adminToken(), json: fields)
        #expect(created.status == .created, "\(created.text)")
        return (email, try created.decoded(as: Created.self).id.lowercased())
    }

    /// An anonymous appeal, with consent to publication, as a citizen sends it.
    @discardableResult
    func submitAppeal(region: String) async throws -> String {
        let receipt = try await api(
            .post, "/api/v1/appeals",
            json: [
                "channel": "web", "regionCode": region, "locality": "At-Bashy", "categoryCode": "education", "language": "ky",
                "description": "The school refuses to enrol my daughter.", "consent": ["contact": false, "publication": true],
            ])
        #expect(receipt.status == .created, "\(receipt.text)")
        return try receipt.decoded(as: Created.self).id.lowercased()
    }

    /// Signs `browser` in on the sign-in page.
    func signIn(_ browser: PageVisitor, _ email: String, next: String) async throws {
        try await browser.open("/sign-in")
        let signedIn = try await browser.submit("/sign-in", [("email", email), ("password", Self.password), ("next", next)])
        #expect(signedIn.status == .seeOther && signedIn.headers[.location] == next)
    }

    /// Opens the case page and sends its `change` form with `fields`, expecting the 303 back to the case page.
    func change(_ browser: PageVisitor, _ casePath: String, _ change: String, _ fields: [(String, String)]) async throws {
        let page = try await browser.open(casePath)
        #expect(page.text.contains(#"action="\#(casePath)/\#(change)""#), "no \(change) form")
        let answer = try await browser.submit("\(casePath)/\(change)", [("version", try StaffAppealPagesTests.version(in: page.text))] + fields)
        #expect(answer.status == .seeOther && answer.headers[.location] == casePath, "\(change): \(answer.status) \(answer.text.suffix(3000))")
    }

    static let password = "a long enough password"

    struct SignedIn: Decodable { let accessToken: String }
    struct Created: Decodable { let id: String }
}
