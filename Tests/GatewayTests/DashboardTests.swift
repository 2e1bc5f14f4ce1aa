import Appeals
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import Synchronization
import TestSupport
import Testing

@testable import Gateway

/// The dashboards against real services: appeals behind the gateway, appeals sent through the API, and
/// services that are down or have no figures yet.
@Suite struct DashboardTests {
    /// The current month in Bishkek, where appeals count what they receive.
    static var month: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Bishkek")!
        let parts = calendar.dateComponents([.year, .month], from: Date())
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }

    @Test(arguments: TestDatabases.kinds)
    func stakeholdersSeeExactFiguresAndThePublicSuppressedOnes(kind: DatabaseKind) async throws {
        try await ServiceHarness.run(AppealsService.definition, on: kind, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], on: kind) { running in
                let gateway = GatewayHarness(client: running.client)
                let admin = try await gateway.adminToken()
                let owner = try await gateway.createOrganization(token: admin)
                let month = Self.month
                let targets = #"[{"period":"\#(month)","value":20}]"#
                for (code, visibility) in [("1.1", "public"), ("2.1", "stakeholders")] {
                    let created = try await gateway.send(
                        .post, LogframeFixture.path, token: admin,
                        json: LogframeFixture.indicator(code: code, owner: owner, visibility: visibility, targets: targets))
                    #expect(created.status == .created)
                }
                for region in Array(repeating: "KG-N", count: 3) + Array(repeating: "KG-C", count: 7) {
                    let body =
                        #"{"channel":"web","regionCode":"\#(region)","categoryCode":"education","language":"ky","#
                        + #""description":"The school refuses to enrol my daughter.","consent":{"contact":false,"publication":false}}"#
                    #expect(try await gateway.send(.post, "/api/v1/appeals", json: body).status == .created)
                }
                let query = "?from=\(month)&to=\(month)"

                let stakeholder = try await gateway.signedInUser([.stakeholder], adminToken: admin).token
                let exact = try await gateway.send(.get, "/api/v1/dashboard\(query)", token: stakeholder).decoded(as: DashboardView.self)
                #expect(exact.isExact)
                #expect(exact.indicators.map(\.code) == ["1.1", "2.1"])
                let first = exact.indicators[0]
                #expect(first.availability == "available")
                #expect(first.actual?.value == 10)
                #expect(first.regions.first { $0.key == "KG-N" }?.actual.display == "3")
                #expect(first.targets.first?.progress == 50)

                let open = try await gateway.send(.get, "/api/v1/dashboard\(query)").decoded(as: DashboardView.self)
                #expect(!open.isExact)
                #expect(open.indicators.map(\.code) == ["1.1"])
                #expect(open.indicators[0].actual?.display == "10")
                // Naryn's 3 is shown as "<5", and Chüy's 7 hidden with it, or 10 − 7 would give it back.
                #expect(open.indicators[0].regions.first { $0.key == "KG-N" }?.actual.display == "<5")
                #expect(open.indicators[0].regions.first { $0.key == "KG-C" }?.actual.value == nil)
                #expect(open.indicators[0].regions.first { $0.key == "KG-C" }?.actual.display == "x")

                let csv = try await gateway.send(.get, "/api/v1/dashboard.csv\(query)")
                #expect(csv.status == .ok)
                #expect(csv.headers[.contentType]?.hasPrefix("text/csv; charset=utf-8") == true)
                #expect(csv.text.contains(",KG-N,,,<5\r\n"))
                #expect(!csv.text.contains("2.1,"))
                let exactCSV = try await gateway.send(.get, "/api/v1/dashboard.csv\(query)", token: stakeholder)
                #expect(exactCSV.text.contains(",KG-N,,,3\r\n"))

                #expect(try await gateway.send(.get, "/api/v1/dashboard?from=2026-13&to=2026-12").problemCode == "invalid_query")
                #expect(try await gateway.send(.get, "/api/v1/dashboard?from=2020-01&to=2026-12").problemCode == "invalid_query")
                #expect(try await gateway.send(.get, "/api/v1/dashboard?from=2026-01").problemCode == "invalid_query")
            }
        }
    }

    /// A service that is down (nothing listens on port 1) is "not available now"; a shell without indicators has "no figures yet";
    /// neither fails the dashboard.
    @Test func aDownServiceIsNotAvailableNowAndAShellHasNoFiguresYet() async throws {
        let shell = ServiceDefinition(service: ServiceCatalog.grants, migrations: [])
        try await ServiceHarness.run(shell, setup: .live) { grants in
            let settings = ["services.appeals.url": "http://127.0.0.1:1", "services.grants.url": try grants.url]
            try await ServiceHarness.run(GatewayService.definition, settings: settings) { running in
                let gateway = GatewayHarness(client: running.client)
                let admin = try await gateway.adminToken()
                let owner = try await gateway.createOrganization(token: admin)
                for (code, source) in [("1.1", "appeals.received"), ("1.2", "grants.awarded")] {
                    _ = try await gateway.send(
                        .post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: code, owner: owner, source: source))
                }
                let dashboard = try await gateway.send(.get, "/api/v1/dashboard?from=2026-01&to=2026-12", token: admin)
                #expect(dashboard.status == .ok)
                let indicators = try dashboard.decoded(as: DashboardView.self).indicators
                #expect(indicators.map(\.availability) == ["unavailable", "no_figures_yet"])
                #expect(indicators.allSatisfy { $0.actual == nil })
            }
        }
    }

    /// A service that answers too slowly, or with figures it may not report (another service's), is "not
    /// available now" too; the dashboard still answers. A failed service is left alone for a few seconds,
    /// whatever the period, and asked again after them.
    @Test func aSlowServiceAndOneAnsweringBadlyAreNotAvailableNow() async throws {
        let slowCalls = Atomic<Int>(0)
        let slow = ServiceDefinition(
            service: ServiceCatalog.knowledge, migrations: [],
            registerRoutes: { router, _ in
                router.get(RouterPath(IndicatorPeriod.path)) { _, _ -> Response in
                    slowCalls.add(1, ordering: .relaxed)
                    try await Task.sleep(for: .seconds(3))
                    return try .json(IndicatorFigures(items: []))
                }
            })
        let bad = ServiceDefinition(
            service: ServiceCatalog.grants, migrations: [],
            registerRoutes: { router, _ in
                router.get(RouterPath(IndicatorPeriod.path)) { _, _ -> Response in
                    try .json(IndicatorFigures(items: [.init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", value: 100)]))
                }
            })
        let clock = TestClock(Date())
        try await ServiceHarness.run(slow, setup: .live) { knowledge in
            try await ServiceHarness.run(bad, setup: .live) { grants in
                let settings = [
                    "services.knowledge.url": try knowledge.url, "services.grants.url": try grants.url,
                    "gateway.dashboard.source.timeout.milliseconds": "300",
                ]
                try await ServiceHarness.run(GatewayService.definition, settings: settings, clock: clock.reading) { running in
                    let gateway = GatewayHarness(client: running.client)
                    let admin = try await gateway.adminToken()
                    let owner = try await gateway.createOrganization(token: admin)
                    for (code, source) in [("1.1", "knowledge.downloads"), ("1.2", "grants.awarded")] {
                        let created = try await gateway.send(
                            .post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: code, owner: owner, source: source))
                        #expect(created.status == .created)
                    }
                    func availability(_ query: String) async throws -> [String] {
                        try await gateway.send(.get, "/api/v1/dashboard?\(query)", token: admin).decoded(as: DashboardView.self).indicators.map(\.availability)
                    }
                    #expect(try await availability("from=2026-01&to=2026-12") == ["unavailable", "unavailable"])
                    #expect(slowCalls.load(ordering: .relaxed) == 1)
                    // Another period while the failure is fresh: not asked again.
                    #expect(try await availability("from=2025-01&to=2025-12") == ["unavailable", "unavailable"])
                    #expect(slowCalls.load(ordering: .relaxed) == 1)
                    clock.set(clock.now.addingTimeInterval(IndicatorSources.unavailableLifetime + 1))
                    #expect(try await availability("from=2025-01&to=2025-12") == ["unavailable", "unavailable"])
                    #expect(slowCalls.load(ordering: .relaxed) == 2)
                }
            }
        }
    }

    /// A composed dashboard is shown again for a few seconds, but never over a logframe that changed since:
    /// new targets show on the next request.
    @Test func aChangedLogframeShowsAtOnceOverAKeptDashboard() async throws {
        let figures = ServiceDefinition(
            service: ServiceCatalog.knowledge, migrations: [],
            registerRoutes: { router, _ in
                router.get(RouterPath(IndicatorPeriod.path)) { _, _ -> Response in
                    try .json(IndicatorFigures(items: [.init(indicator: "knowledge.downloads", period: "2026-01", regionCode: "KG-C", value: 30)]))
                }
            })
        try await ServiceHarness.run(figures, setup: .live) { knowledge in
            try await ServiceHarness.run(GatewayService.definition, settings: ["services.knowledge.url": try knowledge.url]) { running in
                let gateway = GatewayHarness(client: running.client)
                let admin = try await gateway.adminToken()
                let owner = try await gateway.createOrganization(token: admin)
                let created = try await gateway.send(
                    .post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "1.1", owner: owner, source: "knowledge.downloads"))
                let id = try created.decoded(as: LogframeIndicatorView.self).id
                func targets() async throws -> [String] {
                    let dashboard = try await gateway.send(.get, "/api/v1/dashboard?from=2026-01&to=2026-12", token: admin).decoded(as: DashboardView.self)
                    #expect(dashboard.indicators.map(\.availability) == ["available"])
                    return dashboard.indicators.flatMap { $0.targets.map(\.period) }
                }
                #expect(try await targets() == ["2026"])
                let changed = try await gateway.send(
                    .put, "\(LogframeFixture.path)/\(id)/targets", token: admin, json: #"{"targets":[{"period":"2026-06","value":5}]}"#,
                    headers: [.ifMatch: try #require(created.headers[.eTag])])
                #expect(changed.status == .ok)
                #expect(try await targets() == ["2026-06"])
            }
        }
    }
}

/// The dashboard as the API shows it.
struct DashboardView: Decodable {
    struct Cell: Decodable {
        let value: Double?
        let display: String
    }
    struct Point: Decodable {
        let key: String
        let actual: Cell
    }
    struct Target: Decodable {
        let period: String
        let progress: Double?
    }
    struct Indicator: Decodable {
        let code: String
        let availability: String
        let actual: Cell?
        let regions: [Point]
        let months: [Point]
        let targets: [Target]
    }
    struct Regional: Decodable {
        let regionCode: String
        let isExact: Bool
        let indicators: [Indicator]
    }
    let isExact: Bool
    let indicators: [Indicator]
    let region: Regional?
}
