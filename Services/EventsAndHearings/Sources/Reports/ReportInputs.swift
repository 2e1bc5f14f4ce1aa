import Foundation
import Models
import ServiceKit

// The bodies that write and move an event's report, each validating itself before the workflow runs.

/// `POST` and `PUT /api/v1/events/{id}/report`: the whole content of the report.
///
/// `attendeeCount` is given by whoever writes the report for now. Check-ins (invitations, registration and
/// attendance) will pre-fill it: the seam is ``ReportWorkflow/create(_:input:)``, which will default a
/// missing count to the event's check-ins.
struct ReportInput: Decodable {
    let minutes: LocalizedText
    let attendeeCount: Int
    let participants: ParticipantCounts?
    let issuesRaised: [LocalizedText]?
    let relatedAppeals: [Reference]?

    /// The content it describes, validated.
    func content() throws -> ReportContent {
        let content = ReportContent(
            minutes: minutes, attendeeCount: attendeeCount, participants: participants ?? ParticipantCounts(),
            issuesRaised: issuesRaised ?? [], relatedAppeals: relatedAppeals ?? [])
        var errors = FieldErrors()
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
