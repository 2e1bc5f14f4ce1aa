import Foundation
import Models
import ServiceKit

/// A recommendation made at an event, as stored.
struct Recommendation: Sendable {
    var id: UUID
    var eventID: UUID
    var text: LocalizedText
    /// The organisation it is addressed to (a ministry, an akimiat), in the gateway's directory.
    var dutyBearerID: UUID
    /// The day it is due, `YYYY-MM-DD` (Bishkek).
    var dueOn: String
    var status: RecommendationStatus
    /// How far the work is, 0–100.
    var progress: Int
    /// When the duty-bearer first answered (the first move from `proposed`).
    var firstResponseAt: Date?
    var createdBySubject: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    var eTag: String { "\"\(version)\"" }

    /// Whether its due day is over on `today` (`YYYY-MM-DD`) while it is still open.
    func isOverdue(today: String) -> Bool {
        status.canBeOverdue && dueOn < today
    }
}

/// What backs a change of a recommendation: exactly one of a note, a link, or a file in knowledge.
struct Evidence: Codable, Equatable, Sendable {
    var note: String?
    var link: String?
    var file: Reference?

    /// Adds to `errors` what is wrong.
    func check(into errors: inout FieldErrors, field: String) {
        let given = [note != nil, link != nil, file != nil].filter { $0 }.count
        guard given == 1 else {
            errors.add(field, "must hold exactly one of note, link or file")
            return
        }
        errors.check(note, RecommendationLimits.evidenceNote, field: "\(field).note")
        errors.check(link, RecommendationLimits.evidenceLink, field: "\(field).link")
        if let link, !(link.hasPrefix("https://") || link.hasPrefix("http://")) || URL(string: link)?.host == nil {
            errors.add("\(field).link", "must be an http or https URL")
        }
        if let file, file.service != ServiceCatalog.knowledge.name || file.type != "file" {
            errors.add("\(field).file", "must name a file in knowledge: {\"service\": \"knowledge\", \"type\": \"file\", \"id\": …}")
        }
    }
}
