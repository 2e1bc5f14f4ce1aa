import Foundation
import Hummingbird
import Models
import ServiceKit

extension EventRepository.Filter {
    /// The list's query parameters, validated (`400 invalid_query` naming the parameter).
    init(_ request: Request) throws {
        self.init()
        types = try request.enumListQuery("type") ?? types
        statuses = try request.enumListQuery("status") ?? statuses
        regionCode = try request.enumQuery("regionCode")
        startsFrom = try request.dateQuery("from")
        startsBefore = try request.dateQuery("to")
    }
}
