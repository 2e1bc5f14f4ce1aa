import Foundation
import Models

/// An invitation to a duty-bearer or a speaker: a person by name, an organisation of the gateway's
/// directory, or both (a minister and the ministry). Staff record the answer and whether they came.
struct Invitation: Sendable {
    var id: UUID
    var eventID: UUID
    /// The person invited, as the programme should read their name and office.
    var inviteeName: String?
    /// The organisation invited, from the gateway's directory.
    var organizationID: UUID?
    var role: InvitationRole
    var rsvp: RSVP
    var attendance: Attendance?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    /// What `If-Match` names to change this invitation (its version).
    var eTag: String { "\"\(version)\"" }
}

/// What an invitee comes as.
enum InvitationRole: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case speaker
    /// A duty-bearer: whom "officials who came" counts.
    case official
    case moderator
    case observer
}

/// The invitee's answer, recorded by staff. Moves only as ``allowedTransitions`` says, each in the history.
enum RSVP: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case sent
    case accepted
    case declined
    /// No answer came by the time staff stopped waiting.
    case noResponse = "no_response"

    /// The answers reachable from this one: any answer after `sent`, and a change of mind after that;
    /// never back to `sent`.
    var allowedTransitions: [RSVP] {
        switch self {
        case .sent: [.accepted, .declined, .noResponse]
        case .accepted: [.declined]
        case .declined: [.accepted]
        case .noResponse: [.accepted, .declined]
        }
    }
}
