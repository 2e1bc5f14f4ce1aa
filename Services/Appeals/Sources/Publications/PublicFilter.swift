import Foundation
import Hummingbird
import Models
import ServiceKit

extension PublicationRepository {
    /// What the public list of published appeals may be narrowed by: the coarse facts a public copy shows.
    struct PublicFilter: Sendable {
        var regionCode: Region?
        var categoryCode: String?

        /// The list's cache key part: one cached page per filter.
        var cacheKey: String { "\(regionCode?.rawValue ?? "") \(categoryCode ?? "")" }
    }
}

extension PublicationRepository.PublicFilter {
    /// The public list's `regionCode` and `categoryCode` query parameters (`400 invalid_query` naming the
    /// parameter). A category is only checked for the shape of a code: one that no appeal has lists nothing.
    init(_ request: Request) throws {
        self.init()
        regionCode = try request.enumQuery("regionCode")
        if let category = request.uri.queryParameters["categoryCode"].map(String.init) {
            guard category.range(of: NewThesaurusEntry.codePattern, options: .regularExpression) != nil else {
                throw ServiceError.invalidQuery("categoryCode", "categoryCode must be a category code such as education")
            }
            categoryCode = category
        }
    }
}
