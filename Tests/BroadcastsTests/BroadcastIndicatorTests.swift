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

    struct EpisodeShowView: Decodable {
        let showId: String
    }

    static func march(_ figures: [IndicatorFigure], _ name: String, region: String, dimensions: IndicatorDimensions = .init()) -> Double? {
        figures.first { $0.indicator == "broadcasts.\(name)" && $0.period == "2027-03" && $0.regionCode == region && $0.dimensions == dimensions }?
            .value
    }

    @Test(arguments: TestDatabases.kinds)
    func questionsAreCountedByTheMonthOfEachStepUnderTheAskersRegion(kind: DatabaseKind) async throws {
        let appeals = AnswerFactTests.AppealsStandIn()
        let clock = TestClock(try Date("2027-03-02T06:00:00Z", strategy: .iso8601))
        try await ServiceHarness.run(appeals.definition(), setup: .live) { standIn in
            try await BroadcastsHarness.with(kind, settings: ["services.appeals.url": try standIn.url], clock: clock.reading) { h in
                let episode = try await h.openEpisode("intake_open", ["regionCode": "KG-GB"])
                let show = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)", as: BroadcastsHarness.coordinator)
                    .decoded(as: EpisodeShowView.self).showId
                // The show's next episode, where a deferred question goes.
                let next = try await h.send(
                    .post, "/api/v1/broadcasts/episodes", as: BroadcastsHarness.coordinator,
                    json: BroadcastsHarness.episode(show: show, ["startsAt": "2027-03-16T13:00:00Z"]))
                try #require(next.status == .created)
                let consented: [String: Any] = [
                    "region": "KG-N", "sex": "female", "ageBand": "30_44", "consent": ["sex": true, "ageBand": true],
                ]
                let answered = try await h.askedQuestion(episode, extra: consented).question.id
                let referred = try await h.askedQuestion(episode, "Who pays for school meals?").question.id
                let deferred = try await h.askedQuestion(episode, "And my disability allowance?", extra: ["region": "KG-N"]).question.id
                let imported = try await h.send(
                    .post, "/api/v1/broadcasts/episodes/\(episode)/questions/import", as: BroadcastsHarness.coordinator,
                    json: ["appealId": appeals.appealID.uuidString])
                try #require(imported.status == .created, "\(imported.text)")
                let fromAppeal = try imported.decoded(as: QuestionView.self).id

                // Two days later, on air.
                clock.set(try Date("2027-03-04T06:00:00Z", strategy: .iso8601))
                try await h.goLiveAndAnswer(episode, [answered, fromAppeal])
                try await h.moveQuestion(episode, referred, through: ["approved", "queued", "on_air", "referred"])
                try await h.moveQuestion(episode, deferred, through: ["approved", "queued", "deferred"])

                let figures = try await Self.figures(h, to: "2027-03")
                #expect(Self.march(figures, "questions_received", region: "KG-N") == 3)
                #expect(Self.march(figures, "questions_received", region: "KG-N", dimensions: .init(sex: "female")) == 1)
                #expect(Self.march(figures, "questions_received", region: "KG-N", dimensions: .init(sex: "unknown")) == 2)
                #expect(Self.march(figures, "questions_received", region: "KG-N", dimensions: .init(ageBand: "30_44")) == 1)
                #expect(Self.march(figures, "questions_received", region: "KG-N", dimensions: .init(ageBand: "unknown")) == 2)
                // Without a region of its own, a question counts under its episode's.
                #expect(Self.march(figures, "questions_received", region: "KG-GB") == 1)
                #expect(Self.march(figures, "questions_approved", region: "KG-N") == 3)
                #expect(Self.march(figures, "questions_approved", region: "KG-GB") == 1)
                #expect(Self.march(figures, "questions_answered", region: "KG-N") == 2)
                #expect(Self.march(figures, "answered_from_appeals", region: "KG-N") == 1)
                #expect(Self.march(figures, "questions_deferred", region: "KG-N") == 1)
                #expect(Self.march(figures, "questions_referred", region: "KG-GB") == 1)
                #expect(Self.march(figures, "questions_answered", region: "KG-GB") == nil)
                #expect(Self.march(figures, "median_days_to_answer", region: "KG-N") == 2)
                #expect(figures.allSatisfy { $0.indicator.hasPrefix("broadcasts.") && Region(rawValue: $0.regionCode) != nil })
            }
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
