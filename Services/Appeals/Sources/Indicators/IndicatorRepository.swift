import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Reads appeals' indicators from ``AppealIndicatorCounts`` only, per month × region, in total and by each
/// disaggregation. Exact: the gateway suppresses small cells before anything reaches the public.
///
/// The database does the summing (answers over their days, overdue appeals over their due days), so a
/// year comes back as about as many rows as figures; reading rows and writing figures is the cost that is
/// left (Benchmarks/README.md, "Indicators").
struct IndicatorRepository: Sendable {
    let database: Database

    // Every query keeps `appeals <> 0`: it is the condition of the partial index they read.

    /// Every figure of `period`, sorted by indicator, month and region; `now` decides which due days are over.
    func figures(in period: IndicatorPeriod, at now: Date) async throws -> [IndicatorFigure] {
        var figures: [IndicatorFigure] = []
        let events = AppealIndicatorCounts.Event.allCases.map(\.rawValue)
        for row in try await database.sql.raw(
            """
            SELECT indicator, period, region_code, dimension, value, CAST(SUM(appeals) AS BIGINT) AS appeals FROM appeal_indicator_counts
            WHERE indicator IN (\(binds: events)) AND period >= \(bind: period.from) AND period <= \(bind: period.to) AND appeals <> 0
            GROUP BY indicator, period, region_code, dimension, value HAVING SUM(appeals) <> 0
            """
        ).all() {
            figures.append(try Self.figure(row, indicator: try row.enumeration("indicator", as: AppealIndicator.self)))
        }
        figures += try await mediansOfDaysToAnswer(in: period)
        figures += try await overdue(in: period, at: now)
        figures.sort { ($0.indicator, $0.period, $0.regionCode) < ($1.indicator, $1.period, $1.regionCode) }
        return figures
    }

    /// The median whole days from receipt to answer per month and region, from the answers' histograms.
    private func mediansOfDaysToAnswer(in period: IndicatorPeriod) async throws -> [IndicatorFigure] {
        var histograms: [MonthAndRegion: [(days: Int, appeals: Int)]] = [:]
        for row in try await database.sql.raw(
            """
            SELECT period, region_code, days, appeals FROM appeal_indicator_counts
            WHERE indicator = \(bind: AppealIndicatorCounts.Event.answered.rawValue) AND dimension = \(bind: AppealIndicatorCounts.Dimension.total.rawValue)
            AND period >= \(bind: period.from) AND period <= \(bind: period.to) AND appeals <> 0
            """
        ).all() {
            let cell = MonthAndRegion(period: try row.decode(column: "period", as: String.self), region: try row.decode(column: "region_code", as: String.self))
            histograms[cell, default: []].append((try row.decode(column: "days", as: Int.self), try row.decode(column: "appeals", as: Int.self)))
        }
        return histograms.map { cell, histogram in
            IndicatorFigure(
                indicator: AppealIndicator.medianDaysToAnswer.name, period: cell.period, regionCode: cell.region,
                value: AppealIndicator.median(histogram))
        }
    }

    /// Open appeals by the days their answer fell due, summed per month over the days already over.
    private func overdue(in period: IndicatorPeriod, at now: Date) async throws -> [IndicatorFigure] {
        // Days sort after their month and before the next, so one text range covers the period's days.
        let today = AppealIndicatorCounts.day(of: now)
        let end = min(today, period.to + "-32")
        return try await database.sql.raw(
            """
            SELECT substr(period, 1, 7) AS period, region_code, dimension, value, CAST(SUM(appeals) AS BIGINT) AS appeals FROM appeal_indicator_counts
            WHERE indicator = \(bind: AppealIndicatorCounts.openIndicator) AND period >= \(bind: period.from) AND period < \(bind: end) AND appeals <> 0
            GROUP BY substr(period, 1, 7), region_code, dimension, value HAVING SUM(appeals) <> 0
            """
        ).all().map { try Self.figure($0, indicator: .overdue) }
    }

    private struct MonthAndRegion: Hashable {
        var period: String
        var region: String
    }

    /// A figure from a row of period, region_code, dimension, value and appeals.
    private static func figure(_ row: some SQLRow, indicator: AppealIndicator) throws -> IndicatorFigure {
        let value = try row.decode(column: "value", as: String.self)
        var dimensions = IndicatorDimensions()
        switch try row.enumeration("dimension", as: AppealIndicatorCounts.Dimension.self) {
        case .total: break
        case .sex: dimensions.sex = value
        case .ageBand: dimensions.ageBand = value
        case .vulnerableGroup: dimensions.vulnerableGroup = value
        case .category: dimensions.category = value
        case .channel: dimensions.channel = value
        }
        return IndicatorFigure(
            indicator: indicator.name, period: try row.decode(column: "period", as: String.self),
            regionCode: try row.decode(column: "region_code", as: String.self), dimensions: dimensions,
            value: Double(try row.decode(column: "appeals", as: Int.self))
        )
    }
}
