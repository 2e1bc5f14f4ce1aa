import Foundation
import Hummingbird
import Models

/// The published list's filters and page, as the site's addresses carry them (`/appeals?region=KG-N&category=education&cursor=…`).
/// What a visitor puts in the address is bounded here: a value that cannot be one is no filter.
struct PublishedFilter: Equatable, Sendable {
    var region: Region?
    var category: String?
    var cursor: String?

    /// The longest cursor passed on (the API's own bound).
    static let maxCursorLength = 1024
    /// The longest category code (the API's `Code`: `^[a-z][a-z0-9_]{1,49}$`).
    static let maxCategoryLength = 50

    init(region: Region? = nil, category: String? = nil, cursor: String? = nil) {
        self.region = region
        self.category = category
        self.cursor = cursor
    }

    /// The filters of the list page's address.
    init(_ request: Request) {
        let query = request.uri.queryParameters
        region = query.get("region").flatMap(Region.init(rawValue:))
        category = query.get("category").flatMap { Self.isCategoryCode($0) ? $0 : nil }
        cursor = query.get("cursor").flatMap { Self.isCursor($0) ? $0 : nil }
    }

    /// `^[a-z][a-z0-9_]{1,49}$`, as the API's codes are.
    static func isCategoryCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...maxCategoryLength).contains(bytes.count), let first = bytes.first, (0x61...0x7A).contains(first) else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    /// Base64url of a bounded length, as the API's cursors are.
    static func isCursor(_ text: String) -> Bool {
        (1...maxCursorLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F }
    }

    /// The appeals API's address of this page of `limit` appeals.
    func apiPath(limit: Int) -> String {
        var query = ["limit=\(limit)"]
        if let region { query.append("regionCode=\(region.rawValue)") }
        if let category { query.append("categoryCode=\(category)") }
        if let cursor { query.append("cursor=\(cursor)") }
        return "/api/v1/appeals/published?" + query.joined(separator: "&")
    }

    /// The site's address of the list with these filters (every value is URL-safe once validated).
    var sitePath: String {
        var query: [String] = []
        if let region { query.append("region=\(region.rawValue)") }
        if let category { query.append("category=\(category)") }
        if let cursor { query.append("cursor=\(cursor)") }
        return query.isEmpty ? "/appeals" : "/appeals?" + query.joined(separator: "&")
    }
}
