import Foundation

// What the registration tests read of the service's answers: only the fields they check.

/// What a registrant gets back.
struct RegistrationReceiptView: Decodable {
    let id: String
    let eventId: String
    let status: String
    let waitlistPosition: Int?
    let registrationCode: String?
    let checkInPass: String?
    let replayNotice: String?
}

/// A registration as staff see it.
struct RegistrationView: Decodable {
    let id: String
    let sequence: Int
    let kind: String
    let status: String
    let waitlistPosition: Int?
    let participant: Participant
    let showAttendance: Bool
    let attendance: String?
    let checkInMethod: String?
    let version: Int
    /// On a check-in's answer only.
    let alreadyCheckedIn: Bool?

    struct Participant: Decodable {
        let name: String?
        let phone: String?
        let email: String?
        let sex: String?
        let ageBand: String?
        let vulnerableGroups: [String]?
        let stakeholderType: String?
    }
}

/// A page of registrations.
struct RegistrationPage: Decodable {
    let items: [RegistrationView]
    let nextCursor: String?
}

/// A registration as its code shows it.
struct RegistrationStatusView: Decodable {
    let id: String
    let status: String
    let waitlistPosition: Int?
    let attendance: String?
}

/// How full an event is.
struct RegistrationSummaryView: Decodable {
    let capacity: Int
    let moderated: Bool
    let placesTaken: Int
    let placesLeft: Int?
    let waitlisted: Int
    let isOpen: Bool
}
