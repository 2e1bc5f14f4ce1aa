import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// A show as the API shows it.
struct ShowDocument: Codable, Sendable, ResponseEncodable {
    var id: UUID
    var title: LocalizedText
    var description: LocalizedText?
    var format: ShowFormat
    var partnerOutletIds: [UUID]
    var language: Language
    var signLanguage: Bool
    /// The RFC 5545 RRULE of its regular slot, in canonical form, if it has one.
    var regularSlot: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ show: Show) {
        let details = show.details
        id = show.id
        title = details.title
        description = details.description
        format = details.format
        partnerOutletIds = details.partnerOutletIds
        language = details.language
        signLanguage = details.signLanguage
        regularSlot = details.regularSlot?.text
        createdAt = show.createdAt
        updatedAt = show.updatedAt
        version = show.version
    }

    /// The show with its ETag, `status` unless told.
    static func response(_ show: Show, status: HTTPResponse.Status = .ok) throws -> Response {
        try .json(ShowDocument(show), status: status, eTag: show.eTag)
    }
}
