import Foundation
import Hummingbird
import Models
import ServiceKit

/// A registration as staff who run the event see it: with the person, opened from its sealed form.
struct RegistrationDocument: Codable, Sendable, ResponseEncodable {
    var id: UUID
    var eventId: UUID
    /// Arrival order within the event, from 1.
    var sequence: Int
    var kind: RegistrationKind
    var status: RegistrationStatus
    var waitlistPosition: Int?
    var participant: Participant
    var showAttendance: Bool
    var attendance: Attendance?
    var checkedInAt: Date?
    var checkInMethod: CheckInMethod?
    var createdAt: Date
    var updatedAt: Date
    /// The version a decision or an attendance mark names in `If-Match` (as the ETag `"<version>"`).
    var version: Int
    /// On a check-in's answer only: whether the person was already checked in (this call changed nothing).
    var alreadyCheckedIn: Bool?

    init(_ registration: Registration, waitlistPosition: Int? = nil) {
        id = registration.id
        eventId = registration.eventID
        sequence = registration.sequence
        kind = registration.kind
        status = registration.status
        self.waitlistPosition = waitlistPosition
        participant = registration.participant
        showAttendance = registration.showAttendance
        attendance = registration.attendance
        checkedInAt = registration.checkedInAt
        checkInMethod = registration.checkInMethod
        createdAt = registration.createdAt
        updatedAt = registration.updatedAt
        version = registration.version
    }

    /// The registration with its ETag.
    static func response(_ registration: Registration, waitlistPosition: Int? = nil) throws -> Response {
        try .json(RegistrationDocument(registration, waitlistPosition: waitlistPosition), eTag: registration.eTag)
    }
}

/// A registration's history: `GET …/registrations/{registrationId}/history`.
struct RegistrationHistoryDocument: Codable, Sendable, ResponseEncodable {
    var entries: [RegistrationHistoryEntry]
}

/// A registration as its registrant sees it with their code: where it stands, nothing about the person.
struct RegistrationStatusDocument: Codable, Sendable, ResponseEncodable {
    var id: UUID
    var eventId: UUID
    var status: RegistrationStatus
    var waitlistPosition: Int?
    var attendance: Attendance?
}

/// How full an event is, for anyone who may see the event: no one's data, only counts.
struct RegistrationSummaryDocument: Codable, Sendable, ResponseEncodable {
    /// The most places; 0 is unlimited.
    var capacity: Int
    var moderated: Bool
    /// Places held by pending and confirmed registrations.
    var placesTaken: Int
    /// Places still free; absent when the event has no limit.
    var placesLeft: Int?
    var waitlisted: Int
    /// Whether the event takes registrations now.
    var isOpen: Bool
}

/// The event's registration settings after a change.
extension RegistrationRepository.Settings: ResponseEncodable {}
