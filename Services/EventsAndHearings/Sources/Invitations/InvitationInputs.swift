import Foundation
import Models
import ServiceKit

// The bodies of the invitation routes, each validating itself.

/// `POST /api/v1/events/{id}/invitations`: a person, an organisation or both, and their role.
struct NewInvitation: Decodable {
    let inviteeName: String?
    let organizationId: UUID?
    let role: InvitationRole

    func validate() throws {
        var errors = FieldErrors()
        errors.check(inviteeName, InvitationLimits.inviteeName, field: "inviteeName")
        errors.require(
            inviteeName?.nilIfBlank != nil || organizationId != nil, field: "inviteeName", "is required when no organizationId is given")
        try errors.throwIfAny()
    }
}

/// `POST …/invitations/{invitationId}/rsvp`: the invitee's answer as staff heard it.
struct RSVPInput: Decodable {
    let rsvp: RSVP
    let note: String?

    func validate() throws {
        var errors = FieldErrors()
        errors.require(rsvp != .sent, field: "rsvp", "must be one of accepted, declined, no_response")
        errors.check(note, InvitationLimits.note, field: "note")
        try errors.throwIfAny()
    }
}

/// `PUT …/invitations/{invitationId}/attendance` and `PUT …/registrations/{registrationId}/attendance`.
struct AttendanceInput: Decodable {
    let attendance: Attendance
}

/// The sizes of what an invitation holds.
enum InvitationLimits {
    /// The invitee's name and office.
    static let inviteeName = TextLimit(maxBytes: 400)
    /// A note on an answer.
    static let note = TextLimit(maxBytes: 2_000)
    /// The most invitations one event sends.
    static let maxPerEvent = 500
}
