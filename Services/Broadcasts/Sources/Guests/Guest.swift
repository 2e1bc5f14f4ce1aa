import Foundation
import Models
import ServiceKit

/// Someone invited on air: a person (the Ombudsman, a deputy, a lawyer, an expert, an official) or an
/// organisation, with what they know and whether they agreed to come and to be recorded.
struct Guest: Codable, Equatable, Sendable {
    var id: UUID
    var kind: GuestKind
    /// The name and office as the audience should read them.
    var name: String
    /// The organisation, for an organisation or a person speaking for one.
    var organizationId: UUID?
    var role: GuestRole
    /// The rights topics they speak on.
    var expertise: [RightsTopic]
    var status: GuestStatus
    var consentToRecording: Bool

    /// Every problem with the guest, field by field.
    func validate() throws {
        var errors = FieldErrors()
        errors.check(name, BroadcastLimits.guestName, field: "name")
        errors.checkCount(expertise, in: 0...BroadcastLimits.maxExpertise, field: "expertise")
        errors.require(Set(expertise).count == expertise.count, field: "expertise", "must not name an item twice")
        errors.require(kind != .organization || organizationId != nil, field: "organizationId", "is required for an organisation")
        try errors.throwIfAny()
    }
}

/// Whether a guest is a person or an organisation.
enum GuestKind: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case person
    case organization
}

/// What a guest is on air as.
enum GuestRole: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case ombudsman
    case deputyOmbudsman = "deputy_ombudsman"
    case lawyer
    case expert
    case official
}

/// A guest's answer to the invitation.
enum GuestStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case invited
    case confirmed
    case declined
}
