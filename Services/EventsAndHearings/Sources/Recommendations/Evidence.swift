import Foundation
import Models
import ServiceKit

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
