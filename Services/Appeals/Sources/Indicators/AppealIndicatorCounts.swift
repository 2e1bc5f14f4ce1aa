import Foundation
import Models
import Persistence
import SQLKit

/// The counts `GET /internal/indicators` reads: per indicator × period × region, the total and one row per
/// value of each disaggregation (sex, age band, vulnerable group, category, channel), kept in the same
/// transaction as each change.
///
/// Marginals, not the full cross-product of ``AppealCounters``: a dashboard disaggregates by one dimension at
/// a time, and a year of them is a few thousand rows however many appeals there are, so a year's indicators
/// are one short index range (Benchmarks/README.md). Two kinds of row:
/// - events (``Event``), counted in the Bishkek month they happened and never moved: received, verified,
///   published, answered (the total split by whole days since receipt, for the median), closed;
/// - appeals awaiting an answer by the Bishkek day it is due (``openIndicator``), moved as the appeal
///   changes, so "overdue" is a sum over the days that have passed.
enum AppealIndicatorCounts {
    /// What happened to an appeal, counted in the month it happened.
    enum Event: String, CaseIterable, Sendable {
        case received, verified, published, answered, closed
    }

    /// The indicator column of the rows of appeals awaiting an answer (period = the due day, `YYYY-MM-DD`).
    static let openIndicator = "open_by_due_day"
    /// The statuses of an appeal still awaiting its answer: once answered it is no longer overdue.
    static let awaitingAnswer: Set<AppealStatus> = [.received, .inVerification, .verified, .referred]

    /// A disaggregation a row counts in; ``total`` counts every appeal once.
    enum Dimension: String, CaseIterable, Sendable {
        case total = ""
        case sex
        case ageBand = "age_band"
        case vulnerableGroup = "vulnerable_group"
        case category
        case channel
    }

    /// One counter row.
    struct Key: Hashable, Sendable {
        var indicator: String
        var period: String
        var region: String
        var dimension: Dimension
        var value: String
        var days: Int = 0

        /// The order rows are written in, so concurrent changes lock shared rows in one order.
        var order: [String] { [indicator, period, region, dimension.rawValue, value, String(days)] }
    }

    private static let secondsPerDay = 86_400.0

    /// `YYYY-MM-DD` of `date` in Bishkek.
    static func day(of date: Date) -> String {
        let day = AppealCounters.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }

    /// Every (dimension, value) an appeal counts in.
    static func marginals(of appeal: Appeal) -> [(Dimension, String)] {
        marginals(
            sex: appeal.sex?.rawValue, ageBand: appeal.ageBand?.rawValue, category: appeal.categoryCode, channel: appeal.channel.rawValue,
            vulnerableGroups: appeal.vulnerableGroups)
    }

    /// Every (dimension, value) an appeal with these facts counts in (also for counting rows of older schemas).
    static func marginals(sex: String?, ageBand: String?, category: String, channel: String, vulnerableGroups: [String]) -> [(Dimension, String)] {
        [
            (.total, ""), (.sex, sex ?? IndicatorDimensions.unknown), (.ageBand, ageBand ?? IndicatorDimensions.unknown),
            (.category, category), (.channel, channel),
        ]
            + Set(vulnerableGroups).sorted().map { (.vulnerableGroup, $0) }
    }

    /// The rows of `appeal` for `indicator` in `period`.
    static func keys(_ appeal: Appeal, indicator: String, period: String, days: Int = 0) -> [Key] {
        keys(marginals(of: appeal), region: appeal.regionCode.code, indicator: indicator, period: period, days: days)
    }

    /// The rows of these marginals for `indicator` in `period`.
    ///
    /// `days` goes on the total's row only: a histogram of days per disaggregation value would multiply the
    /// rows a year holds by the days an answer takes, so the median is per month and region.
    static func keys(_ marginals: [(Dimension, String)], region: String, indicator: String, period: String, days: Int = 0) -> [Key] {
        marginals.map { Key(indicator: indicator, period: period, region: region, dimension: $0.0, value: $0.1, days: $0.0 == .total ? days : 0) }
    }

    /// Whole days from receipt to `date`.
    static func days(from receivedAt: Date, to date: Date) -> Int {
        max(0, Int(date.timeIntervalSince(receivedAt) / secondsPerDay))
    }

    /// The rows an appeal awaiting its answer holds by its due day; none once answered, closed or rejected.
    static func openKeys(_ appeal: Appeal) -> [Key] {
        awaitingAnswer.contains(appeal.status) ? keys(appeal, indicator: openIndicator, period: day(of: appeal.responseDueAt)) : []
    }

    /// The rows a new appeal adds: received, and open by its due day.
    static func received(_ appeal: Appeal) -> [Key: Int] {
        let rows = keys(appeal, indicator: Event.received.rawValue, period: AppealCounters.month(of: appeal.receivedAt)) + openKeys(appeal)
        return Dictionary(rows.map { ($0, 1) }, uniquingKeysWith: +)
    }

    /// The rows a change from `old` to `new` at `now` moves: the events it is, and the open rows.
    static func changes(from old: Appeal, to new: Appeal, actions: [HistoryAction], at now: Date) -> [Key: Int] {
        var events: [Event] = []
        if new.status != old.status {
            switch new.status {
            case .verified: events.append(.verified)
            case .answered: events.append(.answered)
            case .closed: events.append(.closed)
            case .received, .inVerification, .referred, .rejected: break
            }
        }
        if actions.contains(.publication) { events.append(.published) }
        var deltas: [Key: Int] = [:]
        for key in openKeys(old) { deltas[key, default: 0] -= 1 }
        for key in openKeys(new) { deltas[key, default: 0] += 1 }
        let month = AppealCounters.month(of: now)
        for event in events {
            let days = event == .answered ? Self.days(from: new.receivedAt, to: now) : 0
            for key in keys(new, indicator: event.rawValue, period: month, days: days) { deltas[key, default: 0] += 1 }
        }
        return deltas.filter { $0.value != 0 }
    }

    /// One statement that adds each delta to its row, creating rows as needed; `nil` when there is nothing to add.
    static func adjustment(_ deltas: [Key: Int]) -> SQLQueryString? {
        guard !deltas.isEmpty else { return nil }
        var statement: SQLQueryString = """
            INSERT INTO appeal_indicator_counts (indicator, period, region_code, dimension, value, days, appeals) VALUES
            """
        for (index, (key, delta)) in deltas.sorted(by: { $0.key.order.lexicographicallyPrecedes($1.key.order) }).enumerated() {
            statement += index == 0 ? " " : ", "
            statement += """
                (\(bind: key.indicator), \(bind: key.period), \(bind: key.region), \(bind: key.dimension.rawValue), \(bind: key.value), \
                \(bind: key.days), \(bind: delta))
                """
        }
        statement += """
             ON CONFLICT (indicator, period, region_code, dimension, value, days)
            DO UPDATE SET appeals = appeal_indicator_counts.appeals + excluded.appeals
            """
        return statement
    }
}
