import Foundation
import Hummingbird
import ServiceKit

/// The receipt months statistics cover: `from=YYYY-MM&to=YYYY-MM`, both included, either open-ended.
///
/// Months are the finest period: narrower windows (a day, a millisecond) would let a caller read one
/// appeal's demographics out of the counts.
struct StatisticsPeriod: Equatable, Sendable {
    /// The first month, `YYYY-MM`, or `nil` for since the beginning.
    var from: String?
    /// The last month, `YYYY-MM`, or `nil` for up to now.
    var to: String?

    /// What a month parameter looks like, for messages and the OpenAPI document.
    static let format = MonthParameter.format
    /// The parameters earlier versions took, refused now rather than ignored.
    static let finerParameters = ["receivedFrom", "receivedTo"]

    init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }

    /// Reads and validates `from` and `to`; a 400 naming the format for anything but a month.
    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        for name in Self.finerParameters where query[Substring(name)] != nil {
            throw ServiceError.invalidQuery(name, "statistics are by month: use from=\(Self.format)&to=\(Self.format) instead of \(name)")
        }
        from = try query["from"].map { try MonthParameter.validated(String($0), parameter: "from") }
        to = try query["to"].map { try MonthParameter.validated(String($0), parameter: "to") }
        if let from, let to, from > to { throw ServiceError.invalidQuery("from", "from must not be after to") }
    }

    /// The first instant of the period, in Bishkek.
    var start: Date? { from.flatMap { Self.startOfMonth($0, offset: 0) } }
    /// The first instant after the period, in Bishkek.
    var end: Date? { to.flatMap { Self.startOfMonth($0, offset: 1) } }

    private static func startOfMonth(_ month: String, offset: Int) -> Date? {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        return AppealCounters.calendar.date(from: DateComponents(year: parts[0], month: parts[1] + offset, day: 1))
    }
}
