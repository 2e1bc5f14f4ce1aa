import Foundation
import Models
import Testing

@testable import Gateway

/// How figures become the dashboard: sums per month, region and disaggregation, progress to target, and
/// small-cell suppression for the public that a shown total cannot undo.
@Suite struct DashboardCompositionTests {
    static let period = try! DashboardPeriod(from: "2026-01", to: "2026-02")

    static func indicator(unit: LogframeIndicator.Unit = .count, targets: [(String, Double)] = [("2026", 40)]) -> LogframeIndicator {
        LogframeIndicator(
            id: .v7(), code: "1.1", name: try! LocalizedText(en: "Received"), definition: nil, unit: unit, sourceIndicator: "appeals.received",
            disaggregations: [.region, .sex], baseline: .init(period: "2025", value: 10),
            targets: targets.map { .init(period: $0.0, value: $0.1) }, ownerId: UUID(), visibility: .public, version: 1, createdAt: Date(),
            updatedAt: Date())
    }

    /// 3 in Naryn and 7 in Chüy in January, 2 in Chüy in February; by sex, 9 female and 3 male.
    static let figures: [IndicatorFigure] = [
        .init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-N", value: 3),
        .init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", value: 7),
        .init(indicator: "appeals.received", period: "2026-02", regionCode: "KG-C", value: 2),
        .init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", dimensions: .init(sex: "female"), value: 9),
        .init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", dimensions: .init(sex: "male"), value: 3),
        .init(indicator: "appeals.published", period: "2026-01", regionCode: "KG-C", value: 100),
        .init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", dimensions: .init(category: "education"), value: 12),
    ]

    static func compose(exact: Bool, _ source: SourceFigures = .figures(figures), unit: LogframeIndicator.Unit = .count) -> DashboardIndicator {
        DashboardComposer(period: period, isExact: exact).dashboard([indicator(unit: unit)], figures: ["appeals": source]).indicators[0]
    }

    static func displays(_ points: [DashboardPoint]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: points.map { ($0.key, $0.actual.display) })
    }

    @Test func exactFiguresAddUpPerMonthRegionAndDisaggregation() {
        let composed = Self.compose(exact: true)
        #expect(composed.availability == .available)
        #expect(composed.actual == .exact(12))
        #expect(Self.displays(composed.months) == ["2026-01": "10", "2026-02": "2"])
        #expect(composed.regions.count == 9)
        #expect(Self.displays(composed.regions)["KG-N"] == "3")
        #expect(Self.displays(composed.regions)["KG-C"] == "9")
        #expect(Self.displays(composed.regions)["KG-B"] == "0")
        let sex = composed.breakdowns.first { $0.dimension == .sex }
        #expect(Self.displays(sex?.points ?? []) == ["female": "9", "male": "3", "other": "0", "undisclosed": "0"])
        #expect(composed.targets.count == 1)
        #expect(composed.targets[0].actual == .exact(12))
        #expect(composed.targets[0].progress == 30)
        #expect(composed.targets[0].isWholePeriod == false)
    }

    @Test func thePublicSeesSmallCountsAsFewerThanFiveAndCannotSubtractThemBack() {
        let composed = Self.compose(exact: false)
        #expect(composed.actual == .exact(12))
        // February's 2 is small; January's 10 is hidden with it, or 12 − 10 would give it back.
        #expect(Self.displays(composed.months) == ["2026-01": "x", "2026-02": "<5"])
        #expect(composed.months.allSatisfy { $0.actual.value == nil })
        // Naryn's 3 is small; Chüy's 9 is hidden with it as "x" (12 − 9 = 3 otherwise); the empty regions stay 0.
        #expect(Self.displays(composed.regions)["KG-N"] == "<5")
        #expect(Self.displays(composed.regions)["KG-C"] == "x")
        #expect(Self.displays(composed.regions)["KG-B"] == "0")
        let sex = Self.displays(composed.breakdowns.first { $0.dimension == .sex }?.points ?? [])
        #expect(sex["male"] == "<5")
        #expect(sex["female"] == "x")
        #expect(composed.targets[0].actual == .exact(12))
    }

    @Test func hiddenCellsAddUpToAtLeastFive() {
        #expect(SmallCellSuppression.hidden([1, 1, 30, 40]) == [true, true, true, false])
        #expect(SmallCellSuppression.hidden([2, 3, 30]) == [true, true, false])
        #expect(SmallCellSuppression.hidden([0, 5, 6]) == [false, false, false])
        #expect(SmallCellSuppression.hidden([0, 4]) == [false, true])
    }

    @Test func otherMeasuresAreAveragedAndNeverSuppressed() {
        let composed = Self.compose(exact: false, unit: .days)
        #expect(composed.actual == .exact(4))
        #expect(Self.displays(composed.months)["2026-02"] == "2")
        // A median without figures has no value, not 0; a count without figures is 0.
        let januaryOnly = Self.figures.filter { $0.period == "2026-01" }
        let days = Self.compose(exact: true, .figures(januaryOnly), unit: .days)
        #expect(days.months.last?.actual == .noData)
        #expect(Self.displays(days.regions)["KG-B"] == "–")
        #expect(days.regions.first { $0.key == "KG-B" }?.actual.isSuppressed == false)
        #expect(Self.displays(Self.compose(exact: true, .figures(januaryOnly)).months)["2026-02"] == "0")
    }

    @Test func aServiceWithoutFiguresOrDownShowsNoActuals() {
        let none = Self.compose(exact: true, .noFiguresYet)
        #expect(none.availability == .noFiguresYet)
        #expect(none.actual == nil)
        #expect(none.targets.map(\.period) == ["2026"])
        let down = Self.compose(exact: true, .unavailable)
        #expect(down.availability == .unavailable)
        #expect(down.actual == nil && down.months.isEmpty && down.regions.isEmpty)
    }

    @Test func badFiguresMakeTheServiceUnavailable() {
        let months: Set<String> = ["2026-01"]
        #expect(
            SourceFigures.areValid([.init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", value: 1)], from: "appeals", months: months))
        #expect(!SourceFigures.areValid([.init(indicator: "grants.awarded", period: "2026-01", regionCode: "KG-C", value: 1)], from: "appeals", months: months))
        #expect(
            !SourceFigures.areValid([.init(indicator: "appeals.received", period: "2027-01", regionCode: "KG-C", value: 1)], from: "appeals", months: months))
        #expect(
            !SourceFigures.areValid([.init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-X", value: 1)], from: "appeals", months: months))
        #expect(
            !SourceFigures.areValid(
                [.init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", dimensions: .init(sex: "<b>"), value: 1)], from: "appeals",
                months: months))
    }

    @Test func csvIsTidyAndQuotedAsRFC4180Says() {
        let dashboard = DashboardComposer(period: Self.period, isExact: false).dashboard([Self.indicator()], figures: ["appeals": .figures(Self.figures)])
        let lines = DashboardCSV.text(dashboard).components(separatedBy: "\r\n")
        #expect(lines[0] == DashboardCSV.header.joined(separator: ","))
        #expect(lines.contains("1.1,appeals.received,count,available,actual,2026-01/2026-02,KG-N,,,<5"))
        #expect(lines.contains("1.1,appeals.received,count,available,actual,2026-01/2026-02,,,,12"))
        #expect(lines.contains("1.1,appeals.received,count,available,target,2026,,,,40"))
        #expect(!lines.contains { $0.hasSuffix(",3") })
        #expect(DashboardCSV.field(#"a,"b""#) == #""a,""b""""#)
        #expect(DashboardCSV.field("=SUM(A1)") == "'=SUM(A1)")
    }

    @Test func targetActualsCannotBeSubtractedFromTheTotalEither() throws {
        let period = try DashboardPeriod(from: "2025-12", to: "2026-01")
        let figures: [IndicatorFigure] = [
            .init(indicator: "appeals.received", period: "2025-12", regionCode: "KG-C", value: 3),
            .init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", value: 10),
        ]
        let indicator = Self.indicator(targets: [("2025", 20), ("2026", 40), ("2026-01", 8)])
        let open = DashboardComposer(period: period, isExact: false).dashboard([indicator], figures: ["appeals": .figures(figures)]).indicators[0]
        #expect(open.actual == .exact(13))
        #expect(open.targets.map(\.period) == ["2025", "2026", "2026-01"])
        #expect(open.targets.map { $0.actual?.display } == ["<5", "x", "x"])
        #expect(open.targets.allSatisfy { $0.progress == nil })
        let exact = DashboardComposer(period: period, isExact: true).dashboard([indicator], figures: ["appeals": .figures(figures)]).indicators[0]
        #expect(exact.targets.map { $0.actual?.display } == ["3", "10", "10"])
        #expect(exact.targets.map(\.progress) == [15, 25, 125])
        #expect(exact.targets.map(\.isWholePeriod) == [false, false, true])
    }
}
