import Appeals
import Foundation
import Gateway
import HummingbirdTesting
import TestSupport
import Testing

/// The pages in a real browser: `Tests/Browser/pages.py` drives headless Chromium through Selenium against
/// a live gateway, with appeals behind it so the pages' links open, at 360 px and 1280 px, in Kyrgyz and Russian (language, no sideways scrolling, axe-core
/// with no serious or critical violation, under 60 KB and no other origin on a first load, error pages), and a
/// citizen sending an appeal through the form and tracking it with the receipt's code.
/// Needs `chromium`, `chromium-driver` (Debian), `selenium` and `axe-playwright-python` (PyPI, `--no-deps`);
/// `.ci/run` installs them. Screenshots are written to a temporary folder, named in the output.
@Suite struct WebBrowserTests {
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
                let outcome = try await ExternalCommand.run([
                    "timeout", "300", "python3", script.path, "--base", try gateway.url, "--screenshots", screenshots.path,
                    "--admin-email", TestConfiguration.adminEmail, "--admin-password", TestConfiguration.adminPassword,
                ])
                Self.expectPassed(outcome)
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

    static func expectPassed(_ outcome: ExternalCommand.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        if outcome.status == 3 || outcome.status == 127 {
            Issue.record("the browser suite cannot run here: \(outcome.output)", sourceLocation: sourceLocation)
        } else {
            #expect(outcome.status == 0, "browser suite:\n\(outcome.output.suffix(8_000))", sourceLocation: sourceLocation)
        }
    }
}
