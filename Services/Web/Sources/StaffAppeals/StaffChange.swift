import Foundation
import Models
import NIOHTTP1

/// The changes the case page makes to an appeal, each a form posting to `/staff/appeals/{id}/<change>` and
/// sent to the appeals API with the version the page showed as `If-Match`.
enum StaffChange: String, CaseIterable, Sendable {
    case verification
    case transition
    case assignment
    case referral
    case reply
    case response
    case `extension`
    case publication
    case withdrawal

    /// The API's method for the change.
    var method: HTTPMethod {
        switch self {
        case .assignment: .PUT
        case .withdrawal: .DELETE
        default: .POST
        }
    }

    /// The fields the form has (besides the version and form token), kept when the form comes back with messages.
    var fieldNames: [String] {
        switch self {
        case .verification: ["sourcesChecked", "evidenceNotes", "outcome"]
        case .transition: ["to", "note", "publicNote", "reason", "duplicateOf"]
        case .assignment: ["verifier", "legalExpert"]
        case .referral: ["organizationId", "bodyName", "dueAt"]
        case .reply: ["referral", "reply"]
        case .response: ["text", "channel", "reference", "isPublic"]
        case .extension: ["days", "reason"]
        case .publication: ["title.ky", "title.ru", "title.en", "summary.ky", "summary.ru", "summary.en", "publicLocality", "isSensitive"]
        case .withdrawal: []
        }
    }

    /// The API path of the change to appeal `id`; a reply names its referral in the form.
    func apiPath(appeal id: UUID, form: StaffChangeForm) -> String {
        let base = "/api/v1/appeals/\(id.uuidString.lowercased())"
        switch self {
        case .verification: return base + "/verification"
        case .transition: return base + "/transitions"
        case .assignment: return base + "/assignment"
        case .referral: return base + "/referrals"
        case .reply: return base + "/referrals/\(form.referral?.uuidString.lowercased() ?? "")/reply"
        case .response: return base + "/responses"
        case .extension: return base + "/extension"
        case .publication, .withdrawal: return base + "/publication"
        }
    }
}
