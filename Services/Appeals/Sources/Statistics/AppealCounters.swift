import Foundation
import Models
import Persistence
import SQLKit

/// The counts statistics are read from: appeals per receipt month × region × category × channel × sex ×
/// age band × vulnerable group × current status.
///
/// Each appeal adds one to a row whose vulnerable group is ``allAppeals`` (totals and every other
/// breakdown sum those rows only) and one to a row per group it named (the by-group breakdown), so an
/// appeal naming two groups is counted once in totals. Every change that moves an appeal between rows
/// (status, category) moves its counts in the same transaction, so the counts never drift from the appeals.
enum AppealCounters {
    /// The vulnerable-group value of the rows that count every appeal once.
    static let allAppeals = "*"
    /// Sex or age band when the appellant did not say.
    static let unknown = "unknown"

    /// One counter row.
    struct Key: Hashable, Sendable {
        var month: String
        var region: String
        var category: String
        var channel: String
        var sex: String
        var ageBand: String
        var vulnerableGroup: String
        var status: String

        /// The order rows are written in (see ``AppealCounters/adjustment(_:)``).
        var order: [String] { [month, region, category, channel, sex, ageBand, vulnerableGroup, status] }
    }

    /// Months are the programme's months: Asia/Bishkek.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Bishkek")!
        return calendar
    }()

    /// `YYYY-MM` of `date` in Bishkek.
    static func month(of date: Date) -> String {
        let month = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", month.year!, month.month!)
    }

    /// The rows `appeal` counts in.
    static func keys(for appeal: Appeal) -> [Key] {
        keys(
            receivedAt: appeal.receivedAt, region: appeal.regionCode.code, category: appeal.categoryCode, channel: appeal.channel.rawValue,
            sex: appeal.sex?.rawValue, ageBand: appeal.ageBand?.rawValue, vulnerableGroups: appeal.vulnerableGroups, status: appeal.status.rawValue)
    }

    /// The rows an appeal with these facts counts in (also for migrating rows of the old schema).
    static func keys(
        receivedAt: Date, region: String, category: String, channel: String, sex: String?, ageBand: String?,
        vulnerableGroups: [String], status: String
    ) -> [Key] {
        let base = Key(
            month: month(of: receivedAt), region: region, category: category, channel: channel, sex: sex ?? unknown,
            ageBand: ageBand ?? unknown, vulnerableGroup: allAppeals, status: status)
        // Unique: one statement may touch each row only once (PostgreSQL refuses otherwise).
        return [base]
            + Set(vulnerableGroups).sorted().map { group in
                var key = base
                key.vulnerableGroup = group
                return key
            }
    }

    /// One statement that adds `delta` to each of `keys`, creating rows as needed.
    static func adjustment(_ keys: [Key], by delta: Int) -> SQLQueryString {
        adjustment(Dictionary(keys.map { ($0, delta) }, uniquingKeysWith: +))
    }

    /// One statement that adds each delta to its row, creating rows as needed.
    ///
    /// Rows go in one fixed order, so two changes moving counts in opposite directions (answered → referred
    /// beside referred → answered) lock the rows they share in the same order and cannot deadlock.
    static func adjustment(_ deltas: [Key: Int]) -> SQLQueryString {
        var statement: SQLQueryString = """
            INSERT INTO appeal_counts (month, region_code, category_code, channel, sex, age_band, vulnerable_group, status, appeals) VALUES
            """
        for (index, (key, delta)) in deltas.sorted(by: { $0.key.order.lexicographicallyPrecedes($1.key.order) }).enumerated() {
            statement += index == 0 ? " " : ", "
            statement += """
                (\(bind: key.month), \(bind: key.region), \(bind: key.category), \(bind: key.channel), \(bind: key.sex), \(bind: key.ageBand), \
                \(bind: key.vulnerableGroup), \(bind: key.status), \(bind: delta))
                """
        }
        statement += """
             ON CONFLICT (month, region_code, category_code, channel, sex, age_band, vulnerable_group, status)
            DO UPDATE SET appeals = appeal_counts.appeals + excluded.appeals
            """
        return statement
    }

    /// Moves the counts of an appeal that changed from `old` to `new`, on the session saving the change.
    static func move(from old: Appeal, to new: Appeal, on session: any SQLDatabase) async throws {
        var deltas: [Key: Int] = [:]
        for key in keys(for: old) { deltas[key, default: 0] -= 1 }
        for key in keys(for: new) { deltas[key, default: 0] += 1 }
        deltas = deltas.filter { $0.value != 0 }
        guard !deltas.isEmpty else { return }
        try await session.raw(adjustment(deltas)).run()
    }
}
