import Foundation

/// A logframe period: a year (`2026`) or a month (`2026-11`), the granularities targets are set in.
enum LogframePeriod {
    /// What a period looks like, for messages and the OpenAPI document.
    static let format = "YYYY or YYYY-MM"
    /// The pattern the OpenAPI document states.
    static let pattern = #"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"#

    /// Whether `text` is a year or a month.
    static func isValid(_ text: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// Whether the month `YYYY-MM` lies in `period` (the year it starts with, or that very month).
    static func contains(_ period: String, month: String) -> Bool {
        period.count == 4 ? month.hasPrefix(period + "-") : period == month
    }

    /// The months of `period` (twelve for a year).
    static func months(of period: String) -> [String] {
        guard period.count == 4 else { return [period] }
        return (1...12).map { String(format: "\(period)-%02d", $0) }
    }
}
