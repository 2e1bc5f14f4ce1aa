import Foundation
import Models
import ServiceKit

/// `POST /api/v1/broadcasts/episodes/{id}/guests`: a guest invited; `status` defaults to `invited`,
/// consent to recording to `false` until they give it.
struct NewGuest: Decodable {
    let kind: GuestKind
    let name: String
    let organizationId: UUID?
    let role: GuestRole
    let expertise: [RightsTopic]?
    let status: GuestStatus?
    let consentToRecording: Bool?

    /// The guest it describes, validated.
    func guest(id: UUID) throws -> Guest {
        let guest = Guest(
            id: id, kind: kind, name: name, organizationId: organizationId, role: role, expertise: expertise ?? [],
            status: status ?? .invited, consentToRecording: consentToRecording ?? false)
        try guest.validate()
        return guest
    }
}

/// `PATCH /api/v1/broadcasts/episodes/{id}/guests/{guestId}`: the fields given replace the stored ones.
struct GuestPatch: Decodable {
    let kind: GuestKind?
    let name: String?
    let organizationId: UUID?
    let role: GuestRole?
    let expertise: [RightsTopic]?
    let status: GuestStatus?
    let consentToRecording: Bool?

    /// `guest` with this patch applied, validated.
    func applied(to guest: Guest) throws -> Guest {
        var patched = guest
        if let kind { patched.kind = kind }
        if let name { patched.name = name }
        if let organizationId { patched.organizationId = organizationId }
        if let role { patched.role = role }
        if let expertise { patched.expertise = expertise }
        if let status { patched.status = status }
        if let consentToRecording { patched.consentToRecording = consentToRecording }
        try patched.validate()
        return patched
    }
}

/// An episode's guests: `GET /api/v1/broadcasts/episodes/{id}/guests`. The public sees confirmed ones only.
struct GuestList: Codable, Sendable {
    var guests: [Guest]
}
