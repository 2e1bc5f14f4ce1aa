import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Reads broadcasts' indicators (``BroadcastIndicator``) straight from its tables, per Bishkek month and
/// region. Episodes are few (a few hundred a year) and questions thousands, so each figure is a short
/// indexed read of the period's rows summed here (the askers' sealed fields opened one by one);
/// ``IndicatorSnapshots`` keeps the answer for dashboards.
struct BroadcastIndicatorRepository: Sendable {
    let database: Database
    /// Reads questions, opening the asker's sealed sex and age band.
    let questions: QuestionRepository

    /// The statuses of an episode that went on air.
    static let airedStatuses: [EpisodeStatus] = [.live, .ended, .published]

    /// Sums counts by indicator, month, region and dimensions, and keeps measures that are not sums.
    struct Tally {
        private var counts: [IndicatorFigure: Double] = [:]
        private var measures: [IndicatorFigure] = []

        mutating func add(
            _ indicator: BroadcastIndicator, _ month: String, _ region: String, _ dimensions: IndicatorDimensions = .init(), _ value: Double = 1
        ) {
            counts[IndicatorFigure(indicator: indicator.name, period: month, regionCode: region, dimensions: dimensions, value: 0), default: 0] += value
        }

        /// Keeps a measure that is not a sum (a median), zero included: a median of zero days is a figure.
        mutating func set(_ indicator: BroadcastIndicator, _ month: String, _ region: String, _ value: Double) {
            measures.append(IndicatorFigure(indicator: indicator.name, period: month, regionCode: region, value: value))
        }

        var figures: [IndicatorFigure] {
            counts.filter { $0.value != 0 }.map { key, value in
                var figure = key
                figure.value = value
                return figure
            } + measures
        }
    }

    /// Every non-zero figure of `period`, sorted by indicator, month, region and dimensions.
    func figures(in period: IndicatorPeriod) async throws -> [IndicatorFigure] {
        let from = BishkekTime.start(ofMonth: period.from).epochMilliseconds
        let to = BishkekTime.end(ofMonth: period.to).epochMilliseconds
        var tally = Tally()
        try await aired(from: from, to: to, into: &tally)
        try await questions(from: from, to: to, into: &tally)
        try await moves(from: from, to: to, into: &tally)
        return tally.figures.sorted {
            ($0.indicator, $0.period, $0.regionCode, $0.dimensions.sortKey) < ($1.indicator, $1.period, $1.regionCode, $1.dimensions.sortKey)
        }
    }

    private func aired(from: Int64, to: Int64, into tally: inout Tally) async throws {
        for row in try await database.sql.raw(
            """
            SELECT region_code, starts_at FROM episodes
            WHERE status IN (\(binds: Self.airedStatuses.map(\.rawValue))) AND region_code IS NOT NULL
            AND starts_at >= \(bind: from) AND starts_at < \(bind: to)
            """
        ).all() {
            tally.add(.episodesAired, BishkekTime.month(of: try row.date("starts_at")), try row.decode(column: "region_code", as: String.self))
        }
    }
}

extension IndicatorDimensions {
    /// A sort key for figures of one indicator, month and region.
    fileprivate var sortKey: String {
        [sex, ageBand, vulnerableGroup, stakeholderType, category, channel].map { $0 ?? "" }.joined(separator: "|")
    }
}
