import Appeals
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// The pages in a real browser: `Tests/Browser/pages.py` drives headless Chromium through Selenium against
/// a live gateway, with appeals behind it so the pages' links open, at 360 px and 1280 px, in Kyrgyz and Russian (language, no sideways scrolling, axe-core
/// with no serious or critical violation, under 60 KB and no other origin on a first load, error pages), and a
/// citizen sending an appeal through the form and tracking it with the receipt's code.
/// Needs `chromium`, `chromium-driver` (Debian), `selenium` and `axe-playwright-python` (PyPI, `--no-deps`);
/// `.ci/run` installs them. Screenshots are written to a temporary folder, named in the output.
///
/// `Tests/Browser/staff.py` drives the staff pages for appeals the same way: a coordinator signs in, verifies and
/// publishes an appeal through the forms; `Tests/Browser/logframe.py` the logframe's indicator forms and a council
/// member's regional dashboard. The scripts run one at a time: one Chromium is load enough for CI's two cores.
@Suite(.serialized) struct WebBrowserTests {
    /// The scripts' folder.
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Browser")

    @Test func thePagesPassTheBrowserSuiteAtPhoneAndDesktopWidths() async throws {
        let script = Self.scripts.appendingPathComponent("pages.py")
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-screenshots-\(UUID().uuidString)")
        try await ServiceHarness.run(AppealsService.definition, setup: .live) { appeals in
            // The suite is one client opening many pages and links in a minute: more than a person does.
            let limits = ["gateway.rate.limit.anonymous.per.minute": "10000"]
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], settings: limits, setup: .live) { gateway in
                try await Self.seedDashboard(gateway.client)
                let outcome = try await ExternalCommand.run([
                    "timeout", "300", "python3", script.path, "--base", try gateway.url, "--screenshots", screenshots.path,
                    "--admin-email", TestConfiguration.adminEmail, "--admin-password", TestConfiguration.adminPassword,
                ])
                Self.expectPassed(outcome)
            }
        }
    }

    /// `Tests/Browser/staff.py`: a coordinator works an appeal through the staff pages' forms.
    @Test func aCoordinatorVerifiesAndPublishesAnAppealInTheBrowser() async throws {
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-staff-screenshots-\(UUID().uuidString)")
        try await ServiceHarness.run(AppealsService.definition, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], setup: .live) { gateway in
                Self.expectPassed(
                    try await ExternalCommand.run([
                        "timeout", "300", "python3", Self.scripts.appendingPathComponent("staff.py").path, "--base", try gateway.url,
                        "--screenshots", screenshots.path, "--admin-email", TestConfiguration.adminEmail, "--admin-password",
                        TestConfiguration.adminPassword,
                    ]))
            }
        }
    }

    /// `Tests/Browser/logframe.py`: a coordinator manages an indicator through the logframe's forms, and a council
    /// member sees their region in detail on the dashboard.
    @Test func aCoordinatorManagesTheLogframeAndACouncilMemberSeesTheirRegionInTheBrowser() async throws {
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-logframe-screenshots-\(UUID().uuidString)")
        try await ServiceHarness.run(AppealsService.definition, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], setup: .live) { gateway in
                Self.expectPassed(
                    try await ExternalCommand.run([
                        "timeout", "300", "python3", Self.scripts.appendingPathComponent("logframe.py").path, "--base", try gateway.url,
                        "--screenshots", screenshots.path, "--admin-email", TestConfiguration.adminEmail, "--admin-password",
                        TestConfiguration.adminPassword,
                    ]))
            }
        }
    }

    /// `Tests/Browser/forms.py`: sign-in and sign-out with the site's forms, and a forged form from another site refused.
    @Test func aPersonSignsInAndOutAndAnotherSitesFormIsRefused() async throws {
        try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [], setup: .live) { gateway in
            Self.expectPassed(
                try await ExternalCommand.run([
                    "timeout", "120", "python3", Self.scripts.appendingPathComponent("forms.py").path, "--base", try gateway.url,
                    "--email", TestConfiguration.adminEmail, "--password", TestConfiguration.adminPassword,
                ]))
        }
    }

    /// A public logframe indicator over appeals and a few appeals, so the dashboard page has tables, charts and
    /// suppressed cells to show.
    static func seedDashboard(_ client: any TestClientProtocol) async throws {
        func post(_ path: String, _ body: String, token: String? = nil) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let token { headers[.authorization] = "Bearer \(token)" }
            return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        }
        let login = try await post(
            "/api/v1/auth/login", #"{"email":"\#(TestConfiguration.adminEmail)","password":"\#(TestConfiguration.adminPassword)"}"#)
        let token = try #require(try JSONSerialization.jsonObject(with: Data(login.body.readableBytesView)) as? [String: Any])["accessToken"] as? String
        let organization = try await post("/api/v1/organizations", #"{"type":"project_team","name":{"en":"Project team"}}"#, token: token)
        let owner = try #require(try JSONSerialization.jsonObject(with: Data(organization.body.readableBytesView)) as? [String: Any])["id"] as? String
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let indicator = try await post(
            "/api/v1/logframe/indicators",
            #"{"code":"1.1","name":{"ky":"Кабыл алынган кайрылуулар","ru":"Получено обращений","en":"Appeals received"},"unit":"count","#
                + #""sourceIndicator":"appeals.received","disaggregations":["region","sex"],"baseline":{"period":"2025","value":50},"#
                + #""targets":[{"period":"\#(year)","value":100}],"ownerId":"\#(owner ?? "")","visibility":"public"}"#, token: token)
        #expect(indicator.status == .created)
        for region in ["KG-N", "KG-N", "KG-C", "KG-C", "KG-C", "KG-C", "KG-C", "KG-C"] {
            _ = try await post(
                "/api/v1/appeals",
                #"{"channel":"web","regionCode":"\#(region)","categoryCode":"education","language":"ky","#
                    + #""description":"The school refuses to enrol my daughter.","consent":{"contact":false,"publication":false}}"#)
        }
    }

    static func expectPassed(_ outcome: ExternalCommand.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        if outcome.status == 3 || outcome.status == 127 {
            Issue.record("the browser suite cannot run here: \(outcome.output)", sourceLocation: sourceLocation)
        } else {
            #expect(outcome.status == 0, "browser suite:\n\(outcome.output.suffix(8_000))", sourceLocation: sourceLocation)
        }
    }
}
