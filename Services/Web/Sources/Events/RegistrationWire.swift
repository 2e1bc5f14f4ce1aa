import Foundation
import Models

extension EventsWire {
    /// Where a registration stands (the API's `RegistrationStatus`).
    enum RegistrationState: String, Codable, CaseIterable, Sendable {
        case pending
        case confirmed
        case waitlisted
        case withdrawn
        case rejected

        /// Its name's catalogue key; `<key>_explanation` says what it means for the person.
        var textKey: String { "registration_status_\(rawValue)" }

        /// Whether the registration still counts (holds a place or waits for one).
        var isActive: Bool { self != .withdrawn && self != .rejected }
    }

    /// Whether a person came (the API's `Attendance`).
    enum Attendance: String, Codable, CaseIterable, Sendable {
        case attended
        case noShow = "no_show"

        /// Its name's catalogue key.
        var textKey: String { "registration_attendance_\(rawValue)" }
    }

    /// The consent to each disaggregation field being kept and counted.
    struct Consent: Encodable, Sendable, Equatable {
        var sex: Bool?
        var ageBand: Bool?
        var vulnerableGroups: Bool?
        var stakeholderType: Bool?
    }

    /// `POST /api/v1/events/registrations`'s body, and `POST …/walk-ins`' without the event.
    struct NewRegistration: Encodable, Sendable {
        var eventId: UUID?
        var name: String?
        var phone: String?
        var email: String?
        var sex: Sex?
        var ageBand: AgeBand?
        var vulnerableGroups: [VulnerableGroup]?
        var stakeholderType: StakeholderType?
        var consent: Consent?
        var showAttendance: Bool
    }

    /// What a registration is answered with: the code and the check-in pass, shown only here.
    struct RegistrationReceipt: Decodable, Sendable {
        var id: UUID
        var eventId: UUID
        var status: RegistrationState
        var registrationCode: String?
        var checkInPass: String?
        var waitlistPosition: Int?
    }

    /// The body of the lookup and withdrawal: the receipt's code as typed.
    struct RegistrationCode: Encodable, Sendable {
        var code: String
    }

    /// Where a registration stands, for whoever holds its code: nothing about the person.
    struct RegistrationStatusView: Decodable, Sendable {
        var id: UUID
        var eventId: UUID
        var status: RegistrationState
        var attendance: Attendance?
        var waitlistPosition: Int?
    }

    /// Who registered, as far as the API shows it to the caller.
    struct Participant: Decodable, Sendable {
        var name: String?
        var phone: String?
        var email: String?
    }

    /// A registration as staff who run the event read it.
    struct Registration: Decodable, Sendable {
        var id: UUID
        var eventId: UUID
        var sequence: Int
        var kind: String
        var status: RegistrationState
        var participant: Participant
        var attendance: Attendance?
        var checkedInAt: Date?
        var waitlistPosition: Int?
        var createdAt: Date
        /// What a decision names in `If-Match`.
        var version: Int
        /// On a check-in's answer: whether the person was already checked in (that call changed nothing).
        var alreadyCheckedIn: Bool?
    }

    /// One page of an event's registrations, in arrival order.
    struct RegistrationPage: Decodable, Sendable {
        var items: [Registration]
        var nextCursor: String?
    }

    /// How full an event is.
    struct RegistrationSummary: Decodable, Sendable {
        var capacity: Int
        var moderated: Bool
        var placesTaken: Int
        var waitlisted: Int
        var isOpen: Bool
        var placesLeft: Int?
    }

    /// `POST …/check-ins`' body: exactly one of the code read out and the QR pass scanned.
    struct CheckIn: Encodable, Sendable {
        var code: String?
        var pass: String?
    }

    /// `POST …/registrations/{id}/decision`'s body.
    struct Decision: Encodable, Sendable {
        var decision: String
    }
}
