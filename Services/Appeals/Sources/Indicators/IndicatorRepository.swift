import Foundation
import Models
import Persistence
import ServiceKit
import SQLKit

/// Reads appeals' indicators from ``AppealIndicatorCounts`` only, per month × region, in total and by each
/// disaggregation. Exact: the gateway suppresses small cells before anything reaches the public.
struct IndicatorRepository: Sendable {
    let database: Database

    /// Cells as the counts are grouped: a month, a region and one disaggregation value.
    private struct Cell: Hashable {
        var period: String
        var region: String
        var dimension: AppealIndicatorCounts.Dimension
        var value: String

        func figure(_ indicator: AppealIndicator, _ value: Double) -> IndicatorFigure {
            var dimensions = IndicatorDimensions()
            switch dimension {
            case .total: break
            case .sex: dimensions.sex = self.value
            case .ageBand: dimensions.ageBand = self.value
            case .vulnerableGroup: dimensions.vulnerableGroup = self.value
            case .category: dimensions.category = self.value
            case .channel: dimensions.channel = self.value
            }
            return IndicatorFigure(indicator: indicator.name, period: period, regionCode: region, dimensions: dimensions, value: value)
        }
    }

    /// Every figure of `period`; `now` decides which due days are over.
    func figures(in period: IndicatorPeriod, at now: Date) async throws -> [IndicatorFigure] {
        var figures: [IndicatorFigure] = []
        var answerDays: [Cell: [(days: Int, appeals: Int)]] = [:]
        let events = AppealIndicatorCounts.Event.allCases.map(\.rawValue)
        for row in try await database.sql.raw("""
            SELECT indicator, period, region_code, dimension, value, days, appeals FROM appeal_indicator_counts
            WHERE indicator IN (\(binds: events)) AND period >= \(bind: period.from) AND period <= \(bind: period.to) AND appeals <> 0
            """).all() {
            let cell = try Self.cell(row)
            let appeals = try row.decode(column: "appeals", as: Int.self)
            let indicator = try row.enumeration("indicator", as: AppealIndicator.self)
            if indicator == .answered {
                answerDays[cell, default: []].append((try row.decode(column: "days", as: Int.self), appeals))
            } else {
                figures.append(cell.figure(indicator, Double(appeals)))
            }
        }
        for (cell, histogram) in answerDays {
            figures.append(cell.figure(.answered, Double(histogram.reduce(0) { $0 + $1.appeals })))
            if cell.dimension == .total { figures.append(cell.figure(.medianDaysToAnswer, AppealIndicator.median(histogram))) }
        }
        figures += try await overdue(in: period, at: now)
        figures.sort { ($0.indicator, $0.period, $0.regionCode) < ($1.indicator, $1.period, $1.regionCode) }
        return figures
    }

    /// Open appeals by the days their answer fell due, summed per month over the days already over.
    private func overdue(in period: IndicatorPeriod, at now: Date) async throws -> [IndicatorFigure] {
        // Days sort after their month and before the next, so one text range covers the period's days.
        let today = AppealIndicatorCounts.day(of: now)
        let end = min(today, period.to + "-32")
        var counts: [Cell: Int] = [:]
        for row in try await database.sql.raw("""
            SELECT period, region_code, dimension, value, appeals FROM appeal_indicator_counts
            WHERE indicator = \(bind: AppealIndicatorCounts.openIndicator) AND period >= \(bind: period.from) AND period < \(bind: end)
            AND appeals <> 0
            """).all() {
            var cell = try Self.cell(row)
            cell.period = String(cell.period.prefix(7))
            counts[cell, default: 0] += try row.decode(column: "appeals", as: Int.self)
        }
        return counts.map { $0.key.figure(.overdue, Double($0.value)) }
    }

    private static func cell(_ row: some SQLRow) throws -> Cell {
        Cell(period: try row.decode(column: "period", as: String.self), region: try row.decode(column: "region_code", as: String.self),
             dimension: try row.enumeration("dimension"), value: try row.decode(column: "value", as: String.self))
    }
}
