import Foundation
import Models

extension EventsWire {
    /// What an invitee is asked to be at the event (the API's invitation `role`).
    enum InvitationRole: String, Codable, CaseIterable, Sendable {
        case speaker
        case official
        case moderator
        case observer

        /// Its name's catalogue key.
        var textKey: String { "invitation_role_\(rawValue)" }
    }

    /// The invitee's answer (the API's `rsvp`).
    enum RSVP: String, Codable, CaseIterable, Sendable {
        case sent
        case accepted
        case declined
        case noResponse = "no_response"

        /// Its name's catalogue key.
        var textKey: String { "invitation_rsvp_\(rawValue)" }

        /// The answers that may follow this one, as the API's transition table has them.
        var next: [RSVP] {
            switch self {
            case .sent: [.accepted, .declined, .noResponse]
            case .accepted: [.declined]
            case .declined: [.accepted]
            case .noResponse: [.accepted, .declined]
            }
        }
    }

    /// An invitation to a duty-bearer or speaker.
    struct Invitation: Decodable, Sendable {
        var id: UUID
        var role: InvitationRole
        var rsvp: RSVP
        var inviteeName: String?
        var organizationId: UUID?
        var attendance: Attendance?
        /// What a change names in `If-Match` (as `"<version>"`).
        var version: Int
    }

    /// One page of an event's invitations, oldest first.
    struct InvitationPage: Decodable, Sendable {
        var items: [Invitation]
        var nextCursor: String?
    }

    /// How many were invited, answered and came.
    struct InvitationCounts: Decodable, Sendable {
        var invited: Int
        var officialsInvited: Int
        var officialsAccepted: Int
        var officialsAttended: Int
    }

    /// `POST …/invitations`' body: a person, an organisation or both, and the role.
    struct NewInvitation: Encodable, Sendable {
        var inviteeName: String?
        var organizationId: UUID?
        var role: String
    }

    /// `POST …/invitations/{id}/rsvp`'s body.
    struct RSVPInput: Encodable, Sendable {
        var rsvp: String
        var note: String?
    }

    /// `PUT …/invitations/{id}/attendance`'s body.
    struct AttendanceInput: Encodable, Sendable {
        var attendance: String
    }
}
