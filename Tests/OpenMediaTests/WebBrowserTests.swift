import Appeals
import Foundation
import Gateway
import HummingbirdTesting
import TestSupport
import Testing

/// The pages in a real browser: `Tests/Browser/pages.py` drives headless Chromium through Selenium against
/// a live gateway, with appeals behind it so the pages' links open, at 360 px and 1280 px, in Kyrgyz and Russian (language, no sideways scrolling, axe-core
/// with no serious or critical violation, under 60 KB and no other origin on a first load, error pages).
/// Needs `chromium`, `chromium-driver` (Debian), `selenium` and `axe-playwright-python` (PyPI, `--no-deps`);
/// `.ci/run` installs them. Screenshots are written to a temporary folder, named in the output.
///
/// `Tests/Browser/staff.py` drives the staff pages for appeals the same way: a coordinator signs in, verifies and
/// publishes an appeal through the forms.
@Suite(.serialized) struct WebBrowserTests {
    @Test func thePagesPassTheBrowserSuiteAtPhoneAndDesktopWidths() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Browser/pages.py")
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-screenshots-\(UUID().uuidString)")
        try await ServiceHarness.run(AppealsService.definition, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], setup: .live) { gateway in
                let outcome = try await ExternalCommand.run([
                    "timeout", "300", "python3", script.path, "--base", try gateway.url, "--screenshots", screenshots.path,
                ])
                if outcome.status == 3 || outcome.status == 127 {
                    Issue.record("the browser suite cannot run here: \(outcome.output)")
                } else {
                    #expect(outcome.status == 0, "browser suite:\n\(outcome.output.suffix(8_000))")
                }
            }
        }
    }

    @Test func aCoordinatorVerifiesAndPublishesAnAppealInTheBrowser() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Browser/staff.py")
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-staff-screenshots-\(UUID().uuidString)")
        try await ServiceHarness.run(AppealsService.definition, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], setup: .live) { gateway in
                let outcome = try await ExternalCommand.run([
                    "timeout", "300", "python3", script.path, "--base", try gateway.url, "--screenshots", screenshots.path,
                    "--admin-email", TestConfiguration.adminEmail, "--admin-password", TestConfiguration.adminPassword,
                ])
                if outcome.status == 3 || outcome.status == 127 {
                    Issue.record("the browser suite cannot run here: \(outcome.output)")
                } else {
                    #expect(outcome.status == 0, "staff browser suite:\n\(outcome.output.suffix(8_000))")
                }
            }
        }
    }
}
