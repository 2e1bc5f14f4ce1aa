import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// `GET /internal/indicators`: what broadcasts reports to the gateway's dashboards, per Bishkek month and
/// region. Both databases.
@Suite struct BroadcastIndicatorTests {
    static func figures(_ h: BroadcastsHarness, from: String = "2027-03", to: String = "2027-04") async throws -> [IndicatorFigure] {
        let response = try await h.send(.get, "/internal/indicators?from=\(from)&to=\(to)", as: .service("gateway"))
        try #require(response.status == .ok, "\(response.text)")
        return try response.decoded(as: IndicatorFigures.self).items
    }

    static func value(_ figures: [IndicatorFigure], _ name: String, period: String = "2027-03", region: String = "KG-N") -> Double? {
        figures.first { $0.indicator == "broadcasts.\(name)" && $0.period == period && $0.regionCode == region && $0.dimensions == .init() }?.value
    }

    @Test(arguments: TestDatabases.kinds)
    func episodesAiredAreCountedByMonthAndRegion(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            func aired(_ overrides: [String: Any], to status: String = "ended") async throws -> String {
                let episode = try await h.createEpisode(overrides)
                for step in ["announced", "intake_open", "live", "ended", "published"] {
                    if step == "published" {
                        let replay = try await h.change(.patch, episode, json: ["replayUrl": "https://replay.example.org/1"])
                        try #require(replay.status == .ok)
                    }
                    try #require(try await h.transition(episode, to: step).status == .ok, "\(step)")
                    if step == status { break }
                }
                return episode
            }
            _ = try await aired(["regionCode": "KG-N"])
            _ = try await aired(["regionCode": "KG-N"], to: "published")
            _ = try await aired(["regionCode": "KG-N"], to: "live")
            // Not aired, another month, another region, no region.
            _ = try await aired(["regionCode": "KG-N"], to: "intake_open")
            _ = try await aired(["regionCode": "KG-N", "startsAt": "2027-04-06T13:00:00Z"])
            _ = try await aired(["regionCode": "KG-GB"])
            _ = try await aired([:])
            // 2027-02-28 at 19:00 UTC is already March 1 in Bishkek.
            _ = try await aired(["regionCode": "KG-T", "startsAt": "2027-02-28T19:00:00Z"])

            let figures = try await Self.figures(h)
            #expect(Self.value(figures, "episodes_aired") == 3)
            #expect(Self.value(figures, "episodes_aired", period: "2027-04") == 1)
            #expect(Self.value(figures, "episodes_aired", region: "KG-GB") == 1)
            #expect(Self.value(figures, "episodes_aired", region: "KG-T") == 1)
            #expect(figures.filter { $0.indicator == "broadcasts.episodes_aired" }.map(\.value).reduce(0, +) == 6)
            // Every figure is one the gateway believes: its own name, a month asked for, a known region.
            #expect(figures.allSatisfy { $0.indicator.hasPrefix("broadcasts.") && Region(rawValue: $0.regionCode) != nil })
            #expect(figures.allSatisfy { ["2027-03", "2027-04"].contains($0.period) })
        }
    }

    @Test func onlyTheGatewayAsksAndThePeriodMustBeOne() async throws {
        try await BroadcastsHarness.with { h in
            let callers: [TestIdentity] = [BroadcastsHarness.coordinator, BroadcastsHarness.anonymous, .service("appeals")]
            for caller in callers {
                let response = try await h.send(.get, "/internal/indicators?from=2027-03&to=2027-04", as: caller)
                #expect(response.status != .ok)
            }
            let badPeriod = try await h.send(.get, "/internal/indicators?from=2027-05&to=2027-04", as: .service("gateway"))
            #expect(badPeriod.status == .badRequest)
        }
    }
}
