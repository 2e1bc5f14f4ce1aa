import Foundation
import Models

/// One person's place at an event: registered ahead (in arrival order, ``sequence``) or come in at the door.
struct Registration: Sendable {
    var id: UUID
    var eventID: UUID
    /// The order of arrival within the event, from 1: the order the waitlist is promoted in.
    var sequence: Int
    var kind: RegistrationKind
    var status: RegistrationStatus
    /// Who they are; opened from its sealed form only for those who may see it.
    var participant: Participant
    /// Whether their attendance may be shown publicly (their name among those who came).
    var showAttendance: Bool
    var attendance: Attendance?
    var checkedInAt: Date?
    var checkInMethod: CheckInMethod?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    /// The version as an ETag: staff's decisions and marks name it in `If-Match`.
    var eTag: String { "\"\(version)\"" }
}

/// How a person came to be on an event's list.
enum RegistrationKind: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Registered ahead, with a code.
    case registered
    /// Came to the door without registering; counted at check-in.
    case walkIn = "walk_in"
}

/// Where a registration stands. `pending` and `confirmed` hold a place; `waitlisted` waits for one, in
/// arrival order; `withdrawn` and `rejected` are final.
enum RegistrationStatus: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Holds a place until staff confirm or reject it (events with moderation).
    case pending
    case confirmed
    case waitlisted
    /// Withdrawn by the registrant with their code.
    case withdrawn
    /// Turned down by staff.
    case rejected

    /// The statuses that take one of the event's places.
    static let holdingPlace: [RegistrationStatus] = [.pending, .confirmed]

    /// Whether the registration takes a place.
    var holdsPlace: Bool { Self.holdingPlace.contains(self) }
    /// Whether the registration still counts: the registrant may withdraw it, staff may decide on it.
    var isActive: Bool { holdsPlace || self == .waitlisted }
}

/// Whether a person came, recorded at the door or after the event.
enum Attendance: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case attended
    case noShow = "no_show"
}

/// How attendance was taken.
enum CheckInMethod: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// The registrant read out or typed their registration code.
    case code
    /// Staff scanned the signed QR payload of the registrant's receipt.
    case qr
    /// A person who had not registered.
    case walkIn = "walk_in"
    /// From the paper sheet, uploaded as CSV after the event.
    case sheet
    /// Staff marked it by hand after the event.
    case staff
}
