import Foundation
import Models

/// The report of a held event, as stored: one per event, keyed by it.
struct EventReport: Sendable {
    var eventID: UUID
    var status: ReportStatus
    var content: ReportContent
    var createdBySubject: String
    var createdAt: Date
    var updatedAt: Date
    var submittedAt: Date?
    var approvedAt: Date?
    var version: Int

    var eTag: String { "\"\(version)\"" }
}

/// What those who ran the event write in its report.
struct ReportContent: Codable, Equatable, Sendable {
    /// What was said and decided.
    var minutes: LocalizedText
    /// How many people took part: unless those who write the report say otherwise, those checked in plus
    /// ``unregistered``.
    var attendeeCount: Int
    /// The attendees by disaggregation, as far as they said: unless written otherwise, the counts of those
    /// checked in who consented plus ``unregistered``'s.
    var participants: ParticipantCounts
    /// Those who came without being on the event's lists, counted by hand.
    var unregistered: UnregisteredAttendees
    /// The problems people raised, one text each.
    var issuesRaised: [LocalizedText]
    /// Appeals the event discussed, as references (DESIGN.md §8): never their content.
    var relatedAppeals: [Reference]
}
