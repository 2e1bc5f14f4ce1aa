import Foundation
import Hummingbird
import ServiceKit

/// The months a dashboard covers, `from` and `to` included (`?from=YYYY-MM&to=YYYY-MM`); without them, this
/// year so far in Bishkek.
struct DashboardPeriod: Equatable, Sendable {
    /// The longest period one dashboard covers: the same bound the services put on their indicators.
    static let maximumMonths = IndicatorPeriod.maximumMonths

    let from: String
    let to: String

    /// Every month of the period, in order.
    var months: [String] {
        (MonthParameter.index(of: from)...MonthParameter.index(of: to)).map { String(format: "%04d-%02d", $0 / 12, $0 % 12 + 1) }
    }

    /// The period as an ISO 8601 interval of months, `2026-01/2026-12`, for exports.
    var interval: String { "\(from)/\(to)" }

    /// `from` and `to` from the query, both or neither; a 400 `invalid_query` naming what to fix otherwise.
    init(_ request: Request, now: Date) throws {
        let query = request.uri.queryParameters
        let rawFrom = query["from"].map(String.init)
        let rawTo = query["to"].map(String.init)
        guard let rawFrom, let rawTo else {
            if rawFrom != nil || rawTo != nil { throw ServiceError.invalidQuery(rawFrom == nil ? "from" : "to", "from and to go together") }
            self.init(yearToDateOf: now)
            return
        }
        try self.init(from: rawFrom, to: rawTo)
    }

    /// The months from `from` to `to`, checked as services check them.
    init(from rawFrom: String, to rawTo: String) throws {
        let from = try MonthParameter.validated(rawFrom, parameter: "from")
        let to = try MonthParameter.validated(rawTo, parameter: "to")
        guard MonthParameter.index(of: from) <= MonthParameter.index(of: to) else {
            throw ServiceError.invalidQuery("from", "from must not be after to")
        }
        guard MonthParameter.index(of: to) - MonthParameter.index(of: from) < Self.maximumMonths else {
            throw ServiceError.invalidQuery("to", "a period is at most \(Self.maximumMonths) months")
        }
        self.from = from
        self.to = to
    }

    /// January to the current month of `now`'s year in Bishkek.
    init(yearToDateOf now: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Bishkek")!
        let parts = calendar.dateComponents([.year, .month], from: now)
        from = String(format: "%04d-01", parts.year!)
        to = String(format: "%04d-%02d", parts.year!, parts.month!)
    }
}
