import Foundation
import Hummingbird
import Models
import ServiceKit

extension AppealRepository {
    /// Filters for the staff list.
    struct Filter: Sendable {
        var statuses: [AppealStatus] = []
        var regionCode: Region?
        var categoryCode: String?
        var channel: Channel?
        var receivedFrom: Date?
        var receivedTo: Date?
        var overdueAt: Date?
        var verifierOrLegalExpert: String?
        var legalExpert: String?
        var submittedByOrganization: UUID?
        var text: String?
        /// Whether `text` also searches staff summaries, not only public texts.
        var searchesStaffSummaries = true
        /// Leaves out appeals marked sensitive.
        var excludesSensitive = false

        /// Whether it narrows by a field councils may not see of a sensitive appeal.
        var narrowsByCouncilWithheldFields: Bool {
            categoryCode != nil || channel != nil || receivedFrom != nil || receivedTo != nil || text != nil
        }
    }
}

extension AppealRepository.Filter {
    /// How long a search text may be, in characters.
    static let searchLength = 2...100

    /// The staff list's query parameters, validated (`400 invalid_query` naming the parameter).
    init(_ request: Request, for principal: Principal, now: Date) throws {
        self.init()
        let query = request.uri.queryParameters
        statuses = try request.enumListQuery("status") ?? statuses
        regionCode = try request.enumQuery("regionCode")
        channel = try request.enumQuery("channel")
        categoryCode = query["categoryCode"].map(String.init)
        receivedFrom = try request.dateQuery("receivedFrom")
        receivedTo = try request.dateQuery("receivedTo")
        if try request.boolQuery("overdue") == true { overdueAt = now }
        if try request.boolQuery("assignedToMe") == true { verifierOrLegalExpert = principal.subject }
        if let text = query["q"] {
            guard Self.searchLength.contains(text.count) else {
                throw ServiceError.invalidQuery("q", "q must be \(Self.searchLength.lowerBound) to \(Self.searchLength.upperBound) characters")
            }
            self.text = String(text)
        }
    }
}
