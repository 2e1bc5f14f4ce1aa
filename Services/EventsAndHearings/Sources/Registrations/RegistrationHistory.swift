import Foundation
import Models

/// What one entry of a registration's history records.
enum RegistrationHistoryAction: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// The person registered ahead (the first entry of a registration).
    case registered
    /// The person came to the door without registering (the first entry of a walk-in).
    case walkedIn = "walked_in"
    /// The registrant gave their place up with their code.
    case withdrawn
    /// Staff confirmed or rejected it.
    case decided
    /// A place freed and the waitlist moved it up.
    case promoted
    /// Staff checked the person in at the door.
    case checkedIn = "checked_in"
    /// Staff marked after the event whether the person came, one by one or from the paper sheet.
    case attendance
}

/// One thing that happened to a registration: who did it (a staff member's subject, or one of the
/// ``Actor`` words), and what changed. Nothing about the person.
struct RegistrationHistoryEntry: Codable, Equatable, Sendable {
    var occurredAt: Date
    var actor: String
    var action: RegistrationHistoryAction
    var from: RegistrationStatus?
    var to: RegistrationStatus?
    var attendance: Attendance?
    /// How attendance was taken, for `checked_in` and `attendance`.
    var method: CheckInMethod?

    /// Who acted when no staff member did.
    enum Actor {
        /// Whoever holds the registration's code: the registrant, signed in or not (their identity is not kept).
        static let registrant = "registrant"
        /// The waitlist's rule, moving people up in arrival order when a place frees.
        static let waitlist = "waitlist"
    }
}
