import Foundation

/// A month in a query (`from=2026-11`): the finest period aggregates are asked for, so no window is narrow
/// enough to single out one record.
public enum MonthParameter {
    /// What a month looks like, for messages and OpenAPI documents.
    public static let format = "YYYY-MM"

    /// `raw` when it is a month, `YYYY-MM`; a 400 `invalid_query` naming `parameter` otherwise.
    public static func validated(_ raw: String, parameter: String) throws -> String {
        guard raw.range(of: #"^[0-9]{4}-(0[1-9]|1[0-2])$"#, options: .regularExpression) != nil else {
            throw ServiceError.invalidQuery(parameter, "\(parameter) must be a month, \(format) (such as 2026-11); periods are never finer than a month")
        }
        return raw
    }

    /// Months since year 0 (`2026-11` → 2026 × 12 + 10), for spans between two validated months.
    public static func index(of month: String) -> Int {
        (Int(month.prefix(4)) ?? 0) * 12 + (Int(month.suffix(2)) ?? 1) - 1
    }
}
