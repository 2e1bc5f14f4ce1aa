import Foundation
import TestSupport
import Testing

/// The pages in a real browser, against the real platform: the `openmedia` executable, as a newcomer runs it
/// (`swift run openmedia`), with its generated first admin. The scripts in `Tests/Browser/` drive headless Chromium
/// through Selenium at 360 px and 1280 px, in Kyrgyz and Russian:
///
/// - `pages.py`: every public page (language, no sideways scrolling, axe-core with no serious or critical
///   violation, under 60 KB and no other origin on a first load, working links, error pages), and a citizen
///   sending an appeal through the form and tracking it with the receipt's code;
/// - `newcomer.py`: the issue's newcomer switches to Kyrgyz, sends and tracks an appeal; the admin and a
///   stakeholder sign in and read the dashboard's charts and tables;
/// - `staff.py`: a coordinator signs in, verifies and publishes an appeal through the staff pages' forms;
/// - `logframe.py`: a coordinator adds an organisation and manages an indicator through the forms, and a council member sees
///   their region in detail on the dashboard;
/// - `forms.py`: sign-in and sign-out, and a form forged on another site refused;
/// - `broadcasts_staff.py`: a moderator approves a question and puts it on air on the queue page, and the presenter's
///   screen shows it without a reload; the staff broadcast pages checked as `pages.py` checks the public ones.
/// - `broadcasts.py`: a citizen on a phone asks on an episode page and gets a code; the open wall shows the question
///   once a moderator approves it, without a reload (the wall's script on the live stream through the gateway); the
///   broadcast pages and a replay.
///
/// Needs `chromium`, `chromium-driver` (Debian), `selenium` and `axe-playwright-python` (PyPI, `--no-deps`);
/// `.ci/run` installs them. Screenshots are written to a temporary folder, named in the output. The scripts run
/// one at a time: one Chromium is load enough for CI's two cores.
@Suite(.serialized) struct WebBrowserTests {
    /// The scripts' folder.
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Browser")
    /// The first admin `openmedia` creates.
    static let adminEmail = "admin@openmedia.local"

    @Test func thePagesPassTheBrowserSuiteAtPhoneAndDesktopWidths() async throws {
        try await Self.runScript("pages.py", timeoutSeconds: 300)
    }

    @Test func aNewcomerSendsAndTracksAnAppealAndReadsTheDashboard() async throws {
        try await Self.runScript("newcomer.py", timeoutSeconds: 300)
    }

    @Test func aCoordinatorVerifiesAndPublishesAnAppealInTheBrowser() async throws {
        try await Self.runScript("staff.py", timeoutSeconds: 300)
    }

    @Test func aCoordinatorManagesTheLogframeAndACouncilMemberSeesTheirRegionInTheBrowser() async throws {
        try await Self.runScript("logframe.py", timeoutSeconds: 300)
    }

    @Test func aCoordinatorPublishesAHearingAndThePublicReadsItInTheBrowser() async throws {
        try await Self.runScript("events.py", timeoutSeconds: 300)
    }

    @Test func aModeratorPutsAQuestionOnAirAndThePresentersScreenShowsItWithoutAReload() async throws {
        try await Self.runScript("broadcasts_staff.py", timeoutSeconds: 300)
    }

    @Test func aCitizenAsksOnAnEpisodePageAndTheOpenWallShowsTheApprovedQuestionByItself() async throws {
        try await Self.runScript("broadcasts.py", timeoutSeconds: 300)
    }

    @Test func aPersonSignsInAndOutAndAnotherSitesFormIsRefused() async throws {
        try await Self.runScript("forms.py", timeoutSeconds: 120, screenshots: false)
    }

    /// Runs `script` against a fresh `openmedia` with the first admin's credentials, and expects it to pass.
    static func runScript(_ script: String, timeoutSeconds: Int, screenshots: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let dataDirectory = try OpenMediaEndToEndTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        // A script is one client opening many pages and links in a minute: more than a person does.
        let platform = try await startPlatform(dataDirectory: dataDirectory, settings: ["GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE": "10000"])
        defer { platform.kill() }
        let credentials = try String(contentsOf: dataDirectory.appendingPathComponent("data/admin-credentials"), encoding: .utf8)
        let password = try #require(credentials.split(separator: "\n").first { $0.hasPrefix("password: ") }?.dropFirst("password: ".count))
        var arguments = [
            "timeout", String(timeoutSeconds), "python3", scripts.appendingPathComponent(script).path, "--base", platform.gatewayURL,
        ]
        if screenshots {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-screenshots-\(UUID().uuidString)")
            // `--name=value`: a generated password may begin with "-", which argparse would read as an option.
            arguments += ["--screenshots=\(folder.path)", "--admin-email=\(adminEmail)", "--admin-password=\(password)"]
        } else {
            arguments += ["--email=\(adminEmail)", "--password=\(password)"]
        }
        expectPassed(try await ExternalCommand.run(arguments), sourceLocation: sourceLocation)
        platform.terminate()
        _ = try await platform.waitForExit(timeout: .seconds(30))
    }

    /// `openmedia` started and ready. It picks free loopback ports for its services and binds them a moment later,
    /// so another test's server can take one first: that start is tried again, on fresh ports.
    static func startPlatform(dataDirectory: URL, settings: [String: String]) async throws -> PlatformProcess {
        for attempt in 1...3 {
            let platform = try PlatformProcess(port: try await ServiceHarness.freeLoopbackPort(), dataDirectory: dataDirectory, settings: settings)
            do {
                _ = try await platform.waitForServices()
                return platform
            } catch  where attempt < 3 && platform.standardError.contains("already in use") {
                platform.kill()
            }
        }
        throw PlatformProcessError("openmedia did not start on fresh ports")
    }

    static func expectPassed(_ outcome: ExternalCommand.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        if outcome.status == 3 || outcome.status == 127 {
            Issue.record("the browser suite cannot run here: \(outcome.output)", sourceLocation: sourceLocation)
        } else {
            #expect(outcome.status == 0, "browser suite:\n\(outcome.output.suffix(8_000))", sourceLocation: sourceLocation)
        }
    }
}
