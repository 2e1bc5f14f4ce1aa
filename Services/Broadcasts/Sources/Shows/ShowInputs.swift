import Foundation
import Models
import ServiceKit

/// `POST /api/v1/broadcasts/shows`: a new show. Lists may be left out (empty).
struct NewShow: Decodable {
    let title: LocalizedText
    let description: LocalizedText?
    let format: ShowFormat
    let partnerOutletIds: [UUID]?
    let language: Language
    let signLanguage: Bool?
    let regularSlot: String?

    /// The details it describes, validated.
    func details() throws -> ShowDetails {
        let details = ShowDetails(
            title: title, description: description, format: format, partnerOutletIds: partnerOutletIds ?? [], language: language,
            signLanguage: signLanguage ?? false, regularSlot: try ShowDetails.slot(regularSlot))
        try details.validate()
        return details
    }
}

/// `PATCH /api/v1/broadcasts/shows/{id}`: the fields given replace the stored ones; absent or `null` ones
/// stay; an empty `regularSlot` removes the slot.
struct ShowPatch: Decodable {
    let title: LocalizedText?
    let description: LocalizedText?
    let format: ShowFormat?
    let partnerOutletIds: [UUID]?
    let language: Language?
    let signLanguage: Bool?
    let regularSlot: String?

    /// `details` with this patch applied, validated.
    func applied(to details: ShowDetails) throws -> ShowDetails {
        var patched = details
        if let title { patched.title = title }
        if let description { patched.description = description }
        if let format { patched.format = format }
        if let partnerOutletIds { patched.partnerOutletIds = partnerOutletIds }
        if let language { patched.language = language }
        if let signLanguage { patched.signLanguage = signLanguage }
        if let regularSlot { patched.regularSlot = try ShowDetails.slot(regularSlot) }
        try patched.validate()
        return patched
    }
}
