import Foundation
import Models
import ServiceKit

/// An organisation in the directory: a Public Council, a CSO, a media outlet, a state body, the
/// Ombudsman's office or the project team. Services refer to organisations by ID.
struct Organization: Codable, Equatable, Sendable {
    /// What kind of organisation this is.
    enum Kind: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
        case publicCouncil = "public_council"
        case cso
        case mediaOutlet = "media_outlet"
        case stateBody = "state_body"
        case ombudsmanOffice = "ombudsman_office"
        case projectTeam = "project_team"
    }

    var id: UUID
    var type: Kind
    var name: LocalizedText
    var regionCode: Region?
    var isDisabled: Bool
    var version: Int
    var createdAt: Date
    var updatedAt: Date

    /// The ETag of this version, for `If-Match`.
    var eTag: String { "\"\(version)\"" }
}

extension Organization {
    /// The longest name in one language: 300 characters (code points, as the OpenAPI document's `maxLength` counts).
    static let nameLimit = TextLimit(maxCharacters: 300, required: true)

    /// The kinds of organisation that owe citizens an answer: a referral goes to one of them.
    static let dutyBearerKinds: Set<Kind> = [.stateBody, .ombudsmanOffice]

    /// The field error for an organisation ID that names none, or a disabled one (people and keys belong to active ones).
    static let mustBeActive = "must name an active organisation"

    /// Checks the rules every organisation follows, whether created or changed (`422 validation_failed`).
    func validate() throws(ServiceError) {
        var errors = FieldErrors()
        errors.check(languagesOf: name, Self.nameLimit, field: "name")
        errors.require(type != .publicCouncil || regionCode != nil, field: "regionCode", "is required for a public council")
        try errors.throwIfAny()
    }
}
