import Foundation
import Hummingbird
import Models

/// The inbox's filters, read from its GET form: each value is checked against what the API accepts and
/// dropped when it is not one, so an edited address shows the unfiltered inbox instead of an error.
struct StaffInboxFilter: Sendable {
    /// Appeals per inbox page.
    static let pageSize = 50
    /// The longest category code and cursor passed on.
    static let maxCategoryLength = 64
    static let maxCursorLength = 1024

    var status: StaffAppealStatus?
    var region: Region?
    var category: String?
    var isOverdueOnly = false
    var isAssignedToMe = false
    var cursor: String?

    init(_ request: Request) {
        let query = request.uri.queryParameters
        status = query.get("status").flatMap(StaffAppealStatus.init(rawValue:))
        region = query.get("region").flatMap(Region.init(rawValue:))
        category = query.get("category").flatMap { Self.isToken($0, maxLength: Self.maxCategoryLength) ? $0 : nil }
        isOverdueOnly = query.get("overdue") == "on"
        isAssignedToMe = query.get("mine") == "on"
        cursor = query.get("cursor").flatMap { Self.isToken($0, maxLength: Self.maxCursorLength) ? $0 : nil }
    }

    /// The API's list address for these filters.
    var apiPath: String {
        var items = [URLQueryItem(name: "limit", value: String(Self.pageSize))]
        if let status { items.append(URLQueryItem(name: "status", value: status.rawValue)) }
        if let region { items.append(URLQueryItem(name: "regionCode", value: region.rawValue)) }
        if let category { items.append(URLQueryItem(name: "categoryCode", value: category)) }
        if isOverdueOnly { items.append(URLQueryItem(name: "overdue", value: "true")) }
        if isAssignedToMe { items.append(URLQueryItem(name: "assignedToMe", value: "true")) }
        if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
        return "/api/v1/appeals?" + Self.encode(items)
    }

    /// The inbox address of the page after this one, at `cursor`, with the same filters.
    func pagePath(cursor next: String) -> String {
        var items: [URLQueryItem] = []
        if let status { items.append(URLQueryItem(name: "status", value: status.rawValue)) }
        if let region { items.append(URLQueryItem(name: "region", value: region.rawValue)) }
        if let category { items.append(URLQueryItem(name: "category", value: category)) }
        if isOverdueOnly { items.append(URLQueryItem(name: "overdue", value: "on")) }
        if isAssignedToMe { items.append(URLQueryItem(name: "mine", value: "on")) }
        items.append(URLQueryItem(name: "cursor", value: next))
        return "/staff/appeals?" + Self.encode(items)
    }

    /// Letters, digits and `-_.=` only: codes and the API's opaque cursors.
    static func isToken(_ value: String, maxLength: Int) -> Bool {
        !value.isEmpty && value.utf8.count <= maxLength
            && value.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.=".unicodeScalars.contains($0)) }
    }

    private static func encode(_ items: [URLQueryItem]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return items.map { "\($0.name)=\(($0.value ?? "").addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
