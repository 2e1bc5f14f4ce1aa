import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// An event's report as the API shows it. Those who run the event read all of it at any stage; everyone
/// else who may see the event reads an approved report without its disaggregated counts and related
/// appeals (`participants`, `unregistered` and `relatedAppeals` absent): one event's small counts could single people out.
struct ReportDocument: Codable, Sendable {
    var eventId: UUID
    var status: ReportStatus
    var minutes: LocalizedText
    var attendeeCount: Int
    var participants: ParticipantCounts?
    /// Those counted by hand beyond the lists: for those who run the event.
    var unregistered: UnregisteredAttendees?
    var issuesRaised: [LocalizedText]
    var relatedAppeals: [Reference]?
    var createdAt: Date
    var updatedAt: Date
    var submittedAt: Date?
    var approvedAt: Date?
    var version: Int

    init(_ report: EventReport, full: Bool) {
        eventId = report.eventID
        status = report.status
        minutes = report.content.minutes
        attendeeCount = report.content.attendeeCount
        participants = full ? report.content.participants : nil
        unregistered = full ? report.content.unregistered : nil
        issuesRaised = report.content.issuesRaised
        relatedAppeals = full ? report.content.relatedAppeals : nil
        createdAt = report.createdAt
        updatedAt = report.updatedAt
        submittedAt = report.submittedAt
        approvedAt = report.approvedAt
        version = report.version
    }

    /// The whole report with its ETag, `status` unless told.
    static func response(_ report: EventReport, status: HTTPResponse.Status = .ok) throws -> Response {
        try .json(ReportDocument(report, full: true), status: status, eTag: report.eTag)
    }
}

extension ReportRepository.Entry: ResponseEncodable {}

/// A report's history: `GET /api/v1/events/{id}/report/history`.
struct ReportHistoryDocument: Codable, Sendable, ResponseEncodable {
    var entries: [ReportRepository.Entry]
}
