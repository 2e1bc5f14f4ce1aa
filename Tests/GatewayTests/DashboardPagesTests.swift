import Appeals
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing
import Web

@testable import Gateway

/// `GET /dashboard`: the dashboard as a page, drawn on the server in the visitor's language; exact for a
/// stakeholder signed in on the site, suppressed for everyone else.
@Suite struct DashboardPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func thePageShowsTablesAndChartsInTheVisitorsLanguage(kind: DatabaseKind) async throws {
        try await ServiceHarness.run(AppealsService.definition, on: kind, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], on: kind) { running in
                let gateway = GatewayHarness(client: running.client)
                let admin = try await gateway.adminToken()
                let owner = try await gateway.createOrganization(token: admin)
                let month = DashboardTests.month
                let targets = #"[{"period":"\#(month.prefix(4))","value":40}]"#
                let created = try await gateway.send(
                    .post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "1.1", owner: owner, targets: targets))
                #expect(created.status == .created)
                for region in Array(repeating: "KG-N", count: 3) + Array(repeating: "KG-C", count: 7) {
                    let body =
                        #"{"channel":"web","regionCode":"\#(region)","categoryCode":"education","language":"ky","#
                        + #""description":"The school refuses to enrol my daughter.","consent":{"contact":false,"publication":false}}"#
                    #expect(try await gateway.send(.post, "/api/v1/appeals", json: body).status == .created)
                }
                let query = "?from=\(month)&to=\(month)"

                let visitor = PageVisitor(running.client)
                let page = try await visitor.open("/dashboard\(query)&lang=ru")
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                let html = page.text
                #expect(html.contains("<html lang=\"ru\">"))
                #expect(html.contains("<h1>Панель показателей</h1>"))
                #expect(html.contains("1.1 Получено обращений"))
                #expect(html.contains("<th scope=\"row\">Нарынская область</th><td>&lt;5</td>"))
                #expect(html.contains("<svg viewBox="))
                #expect(html.contains("class=\"tile shade-"))
                #expect(html.contains("/api/v1/dashboard.csv?from=\(month)&amp;to=\(month)"))
                #expect(html.contains("href=\"/api/v1/iati/activities.xml\""))
                // The CSP forbids inline styles and scripts: the page has none.
                #expect(!html.contains("style=") && !html.contains("<script"))

                // A stakeholder signed in on the site sees the exact figures.
                _ = try await gateway.createUser(email: "minister@example.org", roles: [.stakeholder], token: admin)
                let stakeholder = PageVisitor(running.client)
                try await stakeholder.open("/sign-in")
                let signedIn = try await stakeholder.submit("/sign-in", [("email", "minister@example.org"), ("password", "a long enough password")])
                #expect(signedIn.status == .seeOther)
                let exact = try await stakeholder.open("/dashboard\(query)&lang=en").text
                #expect(exact.contains("<th scope=\"row\">Naryn Region</th><td>3</td>"))
                #expect(exact.contains("Exact figures are shown"))

                // A period the form cannot read shows this year so far, saying so.
                let invalid = try await visitor.open("/dashboard?from=2026-13&to=2026-12&lang=en").text
                #expect(invalid.contains("The period was not valid"))

                // The page's rendered content is kept, but a renamed indicator shows on the next view, to each audience.
                let indicator = try created.decoded(as: LogframeIndicatorView.self)
                let renamed = try await gateway.send(
                    .patch, "\(LogframeFixture.path)/\(indicator.id)", token: admin, json: #"{"name":{"en":"Appeals received in writing"}}"#,
                    headers: [.ifMatch: try #require(created.headers[.eTag])])
                #expect(renamed.status == .ok)
                #expect(try await visitor.open("/dashboard\(query)&lang=en").text.contains("1.1 Appeals received in writing"))
                #expect(try await stakeholder.open("/dashboard\(query)&lang=en").text.contains("1.1 Appeals received in writing"))
            }
        }
    }

    @Test func aServiceThatIsDownIsNotAvailableNowOnThePage() async throws {
        try await ServiceHarness.run(GatewayService.definition, settings: ["services.appeals.url": "http://127.0.0.1:1"]) { running in
            let gateway = GatewayHarness(client: running.client)
            let admin = try await gateway.adminToken()
            let owner = try await gateway.createOrganization(token: admin)
            _ = try await gateway.send(.post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "1.1", owner: owner))
            let page = try await PageVisitor(running.client).open("/dashboard?lang=ky")
            #expect(page.status == .ok)
            #expect(page.text.contains("Бул көрсөткүчтүн сандары азыр жеткиликтүү эмес."))
        }
    }

    /// The texts the page's code looks up itself are in every catalogue.
    @Test func theCodesTextsAreInEveryCatalogue() throws {
        let renderer = try PageRenderer.embedded(formKey: SymmetricKey(size: .bits256))
        for language in Language.allCases {
            for key in DashboardPage.catalogueKeys {
                #expect(renderer.translations.texts(language)[key]?.isEmpty == false, "\(key) in \(language.rawValue)")
            }
        }
    }

    /// The kept content is the one of the dashboard shown, in the visitor's language: rendered once per dashboard
    /// and language, again for another dashboard.
    @Test func renderedContentIsKeptPerDashboardAndLanguage() {
        let pages = RenderedDashboardPages()
        let dashboard = Dashboard(from: "2026-01", to: "2026-02", isExact: false, indicators: [])
        var renders = 0
        func content(_ shown: Dashboard, _ language: Language) -> String {
            let key = RenderedDashboardPages.Key(
                language: language, isExact: shown.isExact, from: shown.from, to: shown.to, isPeriodInvalid: false, canManage: false,
                canChooseRegion: true, region: nil)
            return pages.content(for: key, showing: shown) {
                renders += 1
                return "\(language.rawValue) \(shown.to) #\(renders)"
            }
        }
        #expect(content(dashboard, .kyrgyz) == "ky 2026-02 #1")
        #expect(content(dashboard, .kyrgyz) == "ky 2026-02 #1")
        #expect(content(dashboard, .russian) == "ru 2026-02 #2")
        var later = dashboard
        later.indicators = [DashboardCompositionTests.compose(exact: false)]
        #expect(content(later, .kyrgyz) == "ky 2026-02 #3")
        #expect(content(later, .kyrgyz) == "ky 2026-02 #3")
    }
}
