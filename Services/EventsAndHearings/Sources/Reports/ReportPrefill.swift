import Foundation
import Models
import ServiceKit

/// People who came but are on no list of the event: neither registered ahead nor counted in at the door as
/// walk-ins (a full room, a tally on paper). Those who run the event count them by hand, as far as they know
/// their disaggregation; a report adds them to what the check-ins say.
struct UnregisteredAttendees: Codable, Equatable, Sendable {
    var attendeeCount: Int
    var participants: ParticipantCounts

    /// No one beyond the lists.
    static let none = UnregisteredAttendees(attendeeCount: 0, participants: ParticipantCounts())

    init(attendeeCount: Int, participants: ParticipantCounts) {
        self.attendeeCount = attendeeCount
        self.participants = participants
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attendeeCount = try container.decode(Int.self, forKey: .attendeeCount)
        participants = try container.decodeIfPresent(ParticipantCounts.self, forKey: .participants) ?? ParticipantCounts()
    }

    /// Adds to `errors` what is wrong, under `field`.
    func check(into errors: inout FieldErrors, field: String) {
        errors.checkRange(attendeeCount, in: ReportLimits.attendees, field: "\(field).attendeeCount")
        if ReportLimits.attendees.contains(attendeeCount) {
            participants.check(attendees: attendeeCount, into: &errors, field: "\(field).participants")
        }
    }
}

/// What an event's check-ins say about who came: everyone marked as attended (registered ahead or walked
/// in), and the disaggregation of those who gave it with their consent. A report starts from these.
struct CheckInCounts: Equatable, Sendable {
    var attendeeCount: Int
    var participants: ParticipantCounts

    init(attended: [Participant]) {
        attendeeCount = attended.count
        participants = ParticipantCounts(attended)
    }
}
