import Foundation
import Models
import Persistence
import SQLKit

/// Stores event reports and their history: the only code that knows `event_reports` and
/// `event_report_history`. It writes through statements the report workflow runs in one transaction.
struct ReportRepository: Sendable {
    let database: Database

    /// One history entry as the API shows it.
    struct Entry: Codable, Equatable, Sendable {
        var id: UUID
        var occurredAt: Date
        var actor: String
        var action: ReportHistoryAction
        var from: ReportStatus?
        var to: ReportStatus?
        var note: String?
    }

    func find(eventID: UUID) async throws -> EventReport? {
        try await database.sql.raw("SELECT * FROM event_reports WHERE event_id = \(bind: eventID.text)").first().map(report)
    }

    /// The statement that stores a new report; it fails on the primary key when the event has one already.
    func insertStatement(_ report: EventReport) throws -> SQLQueryString {
        let content = report.content
        return """
            INSERT INTO event_reports (
                event_id, status, minutes, attendee_count, participants, unregistered, issues_raised, related_appeals, created_by_subject,
                created_at, updated_at, submitted_at, approved_at, version
            ) VALUES (
                \(bind: report.eventID.text), \(bind: report.status.rawValue), \(bind: try EventRepository.json(content.minutes)),
                \(bind: content.attendeeCount), \(bind: try EventRepository.json(content.participants)),
                \(bind: try EventRepository.json(content.unregistered)),
                \(bind: try EventRepository.json(content.issuesRaised)), \(bind: try EventRepository.json(content.relatedAppeals)),
                \(bind: report.createdBySubject), \(bind: report.createdAt.epochMilliseconds), \(bind: report.updatedAt.epochMilliseconds),
                \(bind: report.submittedAt?.epochMilliseconds), \(bind: report.approvedAt?.epochMilliseconds), \(bind: report.version)
            )
            """
    }

    /// Saves `report` if it is still at `expectedVersion`.
    func update(_ report: EventReport, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let content = report.content
        let updated = try await session.raw(
            """
            UPDATE event_reports SET
                status = \(bind: report.status.rawValue), minutes = \(bind: try EventRepository.json(content.minutes)),
                attendee_count = \(bind: content.attendeeCount), participants = \(bind: try EventRepository.json(content.participants)),
                unregistered = \(bind: try EventRepository.json(content.unregistered)),
                issues_raised = \(bind: try EventRepository.json(content.issuesRaised)),
                related_appeals = \(bind: try EventRepository.json(content.relatedAppeals)),
                updated_at = \(bind: report.updatedAt.epochMilliseconds), submitted_at = \(bind: report.submittedAt?.epochMilliseconds),
                approved_at = \(bind: report.approvedAt?.epochMilliseconds), version = \(bind: report.version)
            WHERE event_id = \(bind: report.eventID.text) AND version = \(bind: expectedVersion)
            RETURNING event_id
            """
        ).all()
        return !updated.isEmpty
    }

    /// The statement that appends one entry to the report's history.
    func appendStatement(
        to eventID: UUID, actor: String, action: ReportHistoryAction, from: ReportStatus? = nil, to: ReportStatus? = nil, note: String? = nil,
        at now: Date
    ) -> SQLQueryString {
        """
        INSERT INTO event_report_history (id, event_id, occurred_at, actor, action, from_status, to_status, note)
        VALUES (\(bind: UUID.v7(at: now).text), \(bind: eventID.text), \(bind: now.epochMilliseconds), \(bind: actor), \(bind: action.rawValue),
                \(bind: from?.rawValue), \(bind: to?.rawValue), \(bind: note))
        """
    }

    /// The report's whole history, oldest first.
    func entries(for eventID: UUID) async throws -> [Entry] {
        try await database.sql.raw("SELECT * FROM event_report_history WHERE event_id = \(bind: eventID.text) ORDER BY occurred_at, id").all()
            .map { row in
                Entry(
                    id: try row.uuid("id"), occurredAt: try row.date("occurred_at"), actor: try row.decode(column: "actor", as: String.self),
                    action: try row.enumeration("action"),
                    from: try row.decode(column: "from_status", as: String?.self).flatMap(ReportStatus.init(rawValue:)),
                    to: try row.decode(column: "to_status", as: String?.self).flatMap(ReportStatus.init(rawValue:)),
                    note: try row.decode(column: "note", as: String?.self))
            }
    }

    private func report(_ row: any SQLRow) throws -> EventReport {
        EventReport(
            eventID: try row.uuid("event_id"), status: try row.enumeration("status"),
            content: ReportContent(
                minutes: try EventRepository.decode(LocalizedText.self, try row.decode(column: "minutes", as: String.self)),
                attendeeCount: try row.decode(column: "attendee_count", as: Int.self),
                participants: try EventRepository.decode(ParticipantCounts.self, try row.decode(column: "participants", as: String.self)),
                // Reports written before hand counts were kept have none.
                unregistered: try row.decode(column: "unregistered", as: String?.self).map {
                    try EventRepository.decode(UnregisteredAttendees.self, $0)
                } ?? .none,
                issuesRaised: try EventRepository.decode([LocalizedText].self, try row.decode(column: "issues_raised", as: String.self)),
                relatedAppeals: try EventRepository.decode([Reference].self, try row.decode(column: "related_appeals", as: String.self))),
            createdBySubject: try row.decode(column: "created_by_subject", as: String.self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            submittedAt: try row.optionalDate("submitted_at"), approvedAt: try row.optionalDate("approved_at"),
            version: try row.decode(column: "version", as: Int.self))
    }
}
