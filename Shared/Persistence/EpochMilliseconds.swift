import Foundation

extension Date {
    /// Milliseconds since 1970 as stored in `BIGINT` columns: the same on PostgreSQL and SQLite, sortable,
    /// and free of time-zone conversions.
    public var epochMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The date a `BIGINT` timestamp column holds.
    public init(epochMilliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(epochMilliseconds) / 1000)
    }
}
