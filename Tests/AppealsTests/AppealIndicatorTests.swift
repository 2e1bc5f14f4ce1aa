import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import SQLKit
import ServiceKit
import TestSupport
import Testing

@testable import Appeals

/// `GET /internal/indicators`: exact figures for the gateway, per month × region and disaggregation.
@Suite struct AppealIndicatorTests {
    /// Noon in Bishkek (06:00 UTC) on a day of 2026.
    static func day(_ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: 6))!
    }

    static func indicators(_ h: AppealsHarness, _ query: String, as caller: TestIdentity = .service("gateway")) async throws -> TestResponse {
        try await h.send(.get, "/internal/indicators\(query)", as: caller)
    }

    @Test(arguments: TestDatabases.kinds)
    func figuresFollowSubmissionsAndTransitionsAcrossMonthsAndRegions(kind: DatabaseKind) async throws {
        let clock = TestClock(Self.day(3, 10))
        try await AppealsHarness.with(kind, clock: clock.reading) { h in
            let naryn = try await h.submit(
                AppealsHarness.submission(
                    submitter: ["gender": "female", "ageGroup": "18_29", "vulnerableGroups": ["women", "rural_residents"]]
                )
            ).id
            var chuy = AppealsHarness.submission()
            chuy["regionCode"] = "KG-C"
            chuy["channel"] = "hotline"
            #expect(try await h.send(.post, "/api/v1/appeals", json: chuy).status == .created)
            #expect(try await h.transition(naryn, to: "in_verification").status == .ok)
            #expect(
                try await h.change(
                    .post, naryn, "/verification",
                    json: ["sourcesChecked": ["school"], "evidenceNotes": "Letter seen.", "outcome": "confirmed"]
                ).status == .ok)
            #expect(try await h.transition(naryn, to: "verified").status == .ok)

            // April: the Naryn appeal is answered 26 days after receipt, published and closed; the Chüy one,
            // due on 24 March, is overdue; a new Naryn appeal is not yet due.
            clock.set(Self.day(4, 5))
            #expect(
                try await h.change(.post, naryn, "/responses", json: ["text": "The school must admit her.", "channel": "written"])
                    .decoded(as: AppealView.self).status == "answered")
            #expect(
                try await h.change(
                    .post, naryn, "/publication",
                    json: ["title": ["en": "School refusal"], "summary": ["en": "Answered."]]
                ).status == .ok)
            #expect(try await h.transition(naryn, to: "closed").status == .ok)
            #expect(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(submitter: ["gender": "male"])).status == .created)

            let response = try await Self.indicators(h, "?from=2026-03&to=2026-04")
            #expect(response.status == .ok, "\(response.text)")
            let figures = try response.decoded(as: IndicatorFigures.self).items
            func value(_ indicator: String, _ period: String, _ region: String, _ dimensions: IndicatorDimensions = .init()) -> Double? {
                figures.first { $0.indicator == "appeals.\(indicator)" && $0.period == period && $0.regionCode == region && $0.dimensions == dimensions }?.value
            }
            let totals = Dictionary(
                figures.filter { $0.dimensions == IndicatorDimensions() }.map { ("\($0.indicator) \($0.period) \($0.regionCode)", $0.value) },
                uniquingKeysWith: +)
            #expect(
                totals == [
                    "appeals.received 2026-03 KG-N": 1, "appeals.received 2026-03 KG-C": 1, "appeals.received 2026-04 KG-N": 1,
                    "appeals.verified 2026-03 KG-N": 1,
                    "appeals.answered 2026-04 KG-N": 1, "appeals.median_days_to_answer 2026-04 KG-N": 26,
                    "appeals.published 2026-04 KG-N": 1, "appeals.closed 2026-04 KG-N": 1,
                    "appeals.overdue 2026-03 KG-C": 1,
                ])
            #expect(value("received", "2026-03", "KG-N", .init(sex: "female")) == 1)
            #expect(value("received", "2026-03", "KG-C", .init(sex: "unknown")) == 1)
            #expect(value("received", "2026-04", "KG-N", .init(sex: "male")) == 1)
            #expect(value("received", "2026-03", "KG-C", .init(channel: "hotline")) == 1)
            #expect(value("verified", "2026-03", "KG-N", .init(ageBand: "18_29")) == 1)
            #expect(value("answered", "2026-04", "KG-N", .init(vulnerableGroup: "women")) == 1)
            #expect(value("answered", "2026-04", "KG-N", .init(vulnerableGroup: "rural_residents")) == 1)
            #expect(value("closed", "2026-04", "KG-N", .init(category: "education")) == 1)
            #expect(value("overdue", "2026-03", "KG-C", .init(sex: "unknown")) == 1)

            // A month alone, and a month with nothing in it.
            let march = try await Self.indicators(h, "?from=2026-03&to=2026-03").decoded(as: IndicatorFigures.self)
            #expect(Set(march.items.map(\.period)) == ["2026-03"])
            let empty = try await Self.indicators(h, "?from=2025-01&to=2025-12").decoded(as: IndicatorFigures.self)
            #expect(empty.items.isEmpty)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func appealsStoredBeforeTheCountsAreCountedByTheMigration(kind: DatabaseKind) async throws {
        let clock = TestClock(Self.day(3, 10))
        try await AppealsHarness.with(kind, clock: clock.reading) { h in
            let id = try await h.submit().id
            var chuy = AppealsHarness.submission()
            chuy["regionCode"] = "KG-C"
            #expect(try await h.send(.post, "/api/v1/appeals", json: chuy).status == .created)
            #expect(try await h.transition(id, to: "in_verification").status == .ok)
            #expect(
                try await h.change(
                    .post, id, "/verification",
                    json: ["sourcesChecked": ["school"], "evidenceNotes": "Letter seen.", "outcome": "confirmed"]
                ).status == .ok)
            #expect(try await h.transition(id, to: "verified").status == .ok)
            clock.set(Self.day(4, 7))
            #expect(try await h.change(.post, id, "/responses", json: ["text": "Admitted.", "channel": "written"]).status == .ok)
            #expect(try await h.change(.post, id, "/publication", json: ["title": ["en": "T"], "summary": ["en": "S"]]).status == .ok)
            // Demographics are sealed, so the migration can count only what is not: compare those figures.
            func unsealed() async throws -> Set<IndicatorFigure> {
                let response = try await Self.indicators(h, "?from=2026-03&to=2026-04")
                let items = try response.decoded(as: IndicatorFigures.self).items
                return Set(items.filter { $0.dimensions.sex == nil && $0.dimensions.ageBand == nil && $0.dimensions.vulnerableGroup == nil })
            }
            let kept = try await unsealed()
            #expect(kept.count > 10)
            try await AppealSpecialCategoryTests.withDatabase(h) { database in
                try await database.sql.raw("DROP TABLE appeal_indicator_counts").run()
                try await AppealsMigrations.indicatorCounts.apply(database.sql, database.kind)
            }
            #expect(try await unsealed() == kept)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func onlyTheGatewayMayAsk(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let gateway = try await Self.indicators(h, "?from=2026-01&to=2026-02")
            #expect(gateway.status == .ok)
            #expect(try await Self.indicators(h, "?from=2026-01&to=2026-02", as: .service("broadcasts")).status == .forbidden)
            #expect(try await Self.indicators(h, "?from=2026-01&to=2026-02", as: .principal([.admin])).status == .forbidden)
            // The gateway as itself is a service: it reaches no public route with that identity.
            #expect(try await h.send(.get, "/api/v1/appeals", as: .service("gateway")).status == .forbidden)
        }
    }

    /// End to end: the gateway does not forward internal routes, whoever asks.
    @Test func theGatewayDoesNotForwardTheIndicators() async throws {
        try await AppealsThroughGateway.with { h in
            let admin = try await h.token()
            #expect(try await h.send(.get, "/internal/indicators?from=2026-01&to=2026-02", token: admin).status != .ok)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func badMonthsAreRefusedWithWhatToFix(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let longest = try await Self.indicators(h, "?from=2021-02&to=2026-01")
            #expect(longest.status == .ok)
            for query in [
                "", "?from=2026-01", "?from=2026-13&to=2026-12", "?from=2026-1&to=2026-02", "?from=2026-03&to=2026-02",
                "?from=2020-01&to=2025-01", "?from=2026-01-01&to=2026-02",
            ] {
                let response = try await Self.indicators(h, query)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.problemCode == "invalid_query", "\(query)")
            }
        }
    }

    @Test func theMedianOfWholeDaysIsTheMiddleOrTheMeanOfTheMiddleTwo() {
        #expect(AppealIndicator.median([(3, 1)]) == 3)
        #expect(AppealIndicator.median([(10, 1), (2, 1)]) == 6)
        #expect(AppealIndicator.median([(1, 2), (5, 1), (9, 2)]) == 5)
    }
}
