import Foundation
import Hummingbird
import Models

/// The calendar's filters and page as the site's addresses carry them (`/events?region=KG-N&type=hearing&cursor=…`).
/// A value that cannot be one is no filter.
struct CalendarFilter: Equatable, Sendable {
    var region: Region?
    var type: EventKind?
    var cursor: String?

    /// Events on one page of the calendar.
    static let pageSize = 20

    init(region: Region? = nil, type: EventKind? = nil, cursor: String? = nil) {
        self.region = region
        self.type = type
        self.cursor = cursor
    }

    /// The filters of the calendar's address.
    init(_ request: Request) {
        let query = request.uri.queryParameters
        region = query.get("region").flatMap(Region.init(rawValue:))
        type = query.get("type").flatMap(EventKind.init(rawValue:))
        cursor = query.get("cursor").flatMap { PublishedFilter.isCursor($0) ? $0 : nil }
    }

    /// Whether any filter is set.
    var isFiltered: Bool { region != nil || type != nil }

    /// The API's address of this page: events starting from `now` on, soonest first.
    func apiPath(now: Date) -> String {
        var query = ["limit=\(Self.pageSize)", "from=\(now.formatted(.iso8601))"]
        if let region { query.append("regionCode=\(region.rawValue)") }
        if let type { query.append("type=\(type.rawValue)") }
        if let cursor { query.append("cursor=\(cursor)") }
        return "/api/v1/events?" + query.joined(separator: "&")
    }

    /// The site's address of the calendar with these filters (every value is URL-safe once validated).
    var sitePath: String {
        var query: [String] = []
        if let region { query.append("region=\(region.rawValue)") }
        if let type { query.append("type=\(type.rawValue)") }
        if let cursor { query.append("cursor=\(cursor)") }
        return query.isEmpty ? "/events" : "/events?" + query.joined(separator: "&")
    }
}
