import Foundation
import Hummingbird
import Models
import Persistence
import ServiceKit
import SQLKit

/// `GET /internal/indicators?from=YYYY-MM&to=YYYY-MM`: appeals' figures for the gateway's dashboards, per
/// month × region, in total and by each disaggregation, from ``AppealIndicatorCounts`` only.
///
/// Exact: the gateway suppresses small cells before anything reaches the public, and only the gateway may
/// call. Indicators (each `appeals.<name>`):
/// - `received`, `verified`, `published`, `answered`, `closed`: how many, in the month it happened;
/// - `median_days_to_answer`: whole days from receipt to answer, over the month's answers (per month and
///   region only, see ``AppealIndicatorCounts/keys(_:region:indicator:period:days:)``);
/// - `overdue`: appeals still awaiting an answer that fell due in the month, on a day already over.
struct IndicatorController {
    /// The indicators' names on the wire.
    enum Indicator: String, CaseIterable, Sendable {
        case received, verified, published, answered, closed, overdue
        case medianDaysToAnswer = "median_days_to_answer"

        var name: String { "appeals.\(rawValue)" }
    }

    let database: Database
    let now: @Sendable () -> Date

    func register(on router: ServiceRouter) {
        router.group(RouterPath(IndicatorPeriod.path)).add(middleware: AllowedCallersMiddleware(IndicatorPeriod.callers)).get(use: indicators)
    }

    /// Cells as the counts are grouped: a month, a region and one disaggregation value.
    private struct Cell: Hashable {
        var period: String
        var region: String
        var dimension: AppealIndicatorCounts.Dimension
        var value: String

        func figure(_ indicator: Indicator, _ value: Double) -> IndicatorFigure {
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

    @Sendable func indicators(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let period = try IndicatorPeriod(request)
        var figures: [IndicatorFigure] = []
        var answerDays: [Cell: [(days: Int, appeals: Int)]] = [:]
        let events = AppealIndicatorCounts.Event.allCases.map(\.rawValue)
        for row in try await database.sql.raw("""
            SELECT indicator, period, region_code, dimension, value, days, appeals FROM appeal_indicator_counts
            WHERE indicator IN (\(binds: events)) AND period >= \(bind: period.from) AND period <= \(bind: period.to) AND appeals <> 0
            """).all() {
            let cell = try Self.cell(row)
            let appeals = try row.decode(column: "appeals", as: Int.self)
            let indicator = try row.enumeration("indicator", as: Indicator.self)
            if indicator == .answered {
                answerDays[cell, default: []].append((try row.decode(column: "days", as: Int.self), appeals))
            } else {
                figures.append(cell.figure(indicator, Double(appeals)))
            }
        }
        for (cell, histogram) in answerDays {
            figures.append(cell.figure(.answered, Double(histogram.reduce(0) { $0 + $1.appeals })))
            if cell.dimension == .total { figures.append(cell.figure(.medianDaysToAnswer, Self.median(histogram))) }
        }
        figures += try await overdue(in: period)
        figures.sort { ($0.indicator, $0.period, $0.regionCode) < ($1.indicator, $1.period, $1.regionCode) }
        return try .json(IndicatorFigures(items: figures))
    }

    /// Open appeals by the days their answer fell due, summed per month over the days already over.
    private func overdue(in period: IndicatorPeriod) async throws -> [IndicatorFigure] {
        // Days sort after their month and before the next, so one text range covers the period's days.
        let today = AppealIndicatorCounts.day(of: now())
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

    /// The median of a histogram of whole days: the middle one, or the mean of the middle two.
    static func median(_ histogram: [(days: Int, appeals: Int)]) -> Double {
        let sorted = histogram.sorted { $0.days < $1.days }
        let total = sorted.reduce(0) { $0 + $1.appeals }
        func value(at rank: Int) -> Int {
            var seen = 0
            for bucket in sorted {
                seen += bucket.appeals
                if rank < seen { return bucket.days }
            }
            return sorted.last?.days ?? 0
        }
        return Double(value(at: (total - 1) / 2) + value(at: total / 2)) / 2
    }
}
