import Foundation
import Models
import ServiceKit

// The bodies that write and move an event's report, each validating itself before the workflow runs.

/// `POST` and `PUT /api/v1/events/{id}/report`: the whole content of the report.
///
/// The counts are pre-filled and editable: a missing `attendeeCount` is everyone checked in (registered or
/// walk-in) plus `unregistered.attendeeCount`; missing `participants` are the consented counts of those
/// checked in plus `unregistered.participants`. Given, they are taken as written.
struct ReportInput: Decodable {
    let minutes: LocalizedText
    let attendeeCount: Int?
    let participants: ParticipantCounts?
    let unregistered: UnregisteredAttendees?
    let issuesRaised: [LocalizedText]?
    let relatedAppeals: [Reference]?

    /// Whether a count is left to the check-ins.
    var needsCheckIns: Bool { attendeeCount == nil || participants == nil }

    /// The content it describes, validated, its missing counts taken from `checkIns`.
    func content(checkIns: CheckInCounts?) throws -> ReportContent {
        var errors = FieldErrors()
        let unregistered = unregistered ?? .none
        unregistered.check(into: &errors, field: "unregistered")
        let fromLists = checkIns ?? CheckInCounts(attended: [])
        let content = ReportContent(
            minutes: minutes, attendeeCount: attendeeCount ?? fromLists.attendeeCount &+ unregistered.attendeeCount,
            participants: participants ?? fromLists.participants.adding(unregistered.participants), unregistered: unregistered,
            issuesRaised: issuesRaised ?? [], relatedAppeals: relatedAppeals ?? [])
        errors.check(languagesOf: content.minutes, ReportLimits.minutes, field: "minutes")
        errors.checkRange(content.attendeeCount, in: ReportLimits.attendees, field: "attendeeCount")
        if ReportLimits.attendees.contains(content.attendeeCount) {
            content.participants.check(attendees: content.attendeeCount, into: &errors, field: "participants")
        }
        errors.checkCount(content.issuesRaised, in: 0...ReportLimits.maxIssues, field: "issuesRaised")
        for (index, issue) in content.issuesRaised.prefix(ReportLimits.maxIssues).enumerated() {
            errors.check(languagesOf: issue, ReportLimits.issue, field: "issuesRaised[\(index)]")
        }
        errors.checkCount(content.relatedAppeals, in: 0...ReportLimits.maxRelatedAppeals, field: "relatedAppeals")
        for (index, reference) in content.relatedAppeals.prefix(ReportLimits.maxRelatedAppeals).enumerated()
        where reference.service != ServiceCatalog.appeals.name || reference.type != "appeal" {
            errors.add("relatedAppeals[\(index)]", "must name an appeal: {\"service\": \"appeals\", \"type\": \"appeal\", \"id\": …}")
        }
        if Set(content.relatedAppeals).count != content.relatedAppeals.count {
            errors.add("relatedAppeals", "must name each appeal once")
        }
        try errors.throwIfAny()
        return content
    }
}

/// `POST /api/v1/events/{id}/report/transitions`.
struct ReportTransition: Decodable {
    let to: ReportStatus
    let note: String?

    func validate() throws {
        var errors = FieldErrors()
        errors.check(note, ReportLimits.note, field: "note")
        try errors.throwIfAny()
    }
}
