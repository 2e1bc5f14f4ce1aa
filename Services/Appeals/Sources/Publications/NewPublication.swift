import Models
import ServiceKit

/// `POST /api/v1/appeals/{id}/publication`: the redacted public copy a verifier writes.
struct NewPublication: Decodable {
    let title: LocalizedText
    let summary: LocalizedText
    let isSensitive: Bool?
    /// Where, as the verifier writes it for the public (a district, a town): the appellant's own
    /// `locality` may name a street and a house, so it is never copied.
    let publicLocality: String?

    func validate() throws {
        var errors = FieldErrors()
        for language in Language.allCases {
            errors.check(title[language], AppealTextLimits.publicTitle, field: "title.\(language.rawValue)")
            errors.check(summary[language], AppealTextLimits.publicSummary, field: "summary.\(language.rawValue)")
        }
        errors.require(
            (publicLocality?.count ?? 0) <= PublicationRepository.maximumLocalityLength,
            field: "publicLocality", "must be at most \(PublicationRepository.maximumLocalityLength) characters")
        try errors.throwIfAny()
    }
}
