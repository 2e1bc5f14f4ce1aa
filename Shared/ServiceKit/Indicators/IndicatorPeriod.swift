import Foundation
import Hummingbird
import Models

/// The months of `GET /internal/indicators?from=YYYY-MM&to=YYYY-MM`: both required, both included.
public struct IndicatorPeriod: Equatable, Sendable {
    /// The path every service answers indicators on.
    public static let path = "/internal/indicators"
    /// The only caller of indicators: the gateway's dashboards compose them.
    public static let callers: Set<String> = [ServiceCatalog.gateway.name]
    /// The longest period one request may ask for, so one call cannot scan a service's whole history.
    public static let maximumMonths = 60

    /// The first month, `YYYY-MM`.
    public let from: String
    /// The last month, `YYYY-MM`.
    public let to: String

    /// Reads `from` and `to` from the query; a 400 `invalid_query` naming what to fix otherwise.
    public init(_ request: Request) throws {
        let query = request.uri.queryParameters
        try self.init(query: ["from": query["from"].map(String.init), "to": query["to"].map(String.init)])
    }

    private init(query: [String: String?]) throws {
        func month(_ name: String) throws -> (text: String, index: Int) {
            guard let raw = query[name] ?? nil else {
                throw ServiceError.invalidQuery(name, "\(name) is required: a month, \(MonthParameter.format) (such as 2026-11)")
            }
            let month = try MonthParameter.validated(raw, parameter: name)
            return (month, MonthParameter.index(of: month))
        }
        let (from, to) = (try month("from"), try month("to"))
        guard from.index <= to.index else { throw ServiceError.invalidQuery("from", "from must not be after to") }
        guard to.index - from.index < Self.maximumMonths else {
            throw ServiceError.invalidQuery("to", "a period is at most \(Self.maximumMonths) months; ask for several")
        }
        self.from = from.text
        self.to = to.text
    }
}
