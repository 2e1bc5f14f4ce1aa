import Foundation
import Models
import ServiceKit

/// A show as stored: a series of broadcasts, its editable ``ShowDetails`` and its version.
struct Show: Sendable {
    var id: UUID
    var details: ShowDetails
    var createdBySubject: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    var eTag: String { "\"\(version)\"" }
}

/// Everything about a show its producers write.
struct ShowDetails: Equatable, Sendable {
    var title: LocalizedText
    var description: LocalizedText?
    var format: ShowFormat
    /// The partner outlets (media organisations) that carry the show.
    var partnerOutletIds: [UUID]
    /// The language the show is broadcast in.
    var language: Language
    /// Whether it is interpreted into Kyrgyz sign language.
    var signLanguage: Bool
    /// Its regular slot, such as every second Tuesday, as an RFC 5545 rule.
    var regularSlot: RecurrenceRule?

    /// Every problem with the details, field by field.
    func validate() throws {
        var errors = FieldErrors()
        errors.check(languagesOf: title, BroadcastLimits.showTitle, field: "title")
        errors.check(languagesOf: description, BroadcastLimits.showDescription, field: "description")
        errors.checkCount(partnerOutletIds, in: 0...BroadcastLimits.maxPartnerOutlets, field: "partnerOutletIds")
        errors.require(Set(partnerOutletIds).count == partnerOutletIds.count, field: "partnerOutletIds", "must not name an item twice")
        try errors.throwIfAny()
    }

    /// `text` as a regular slot, or a field error naming what is wrong with it.
    static func slot(_ text: String?) throws -> RecurrenceRule? {
        guard let text = text?.nilIfBlank else { return nil }
        do {
            return try RecurrenceRule(parsing: text)
        } catch {
            throw ServiceError.validationFailed(["regularSlot": error.message])
        }
    }
}

/// How a show reaches its audience.
enum ShowFormat: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case tv
    case radio
    case online
}
