import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way an event's report changes: the caller runs the event (``EventWorkflow/authorize(_:eventID:)``),
/// the event is held, `If-Match` names the report's version, and the report is saved with its history in
/// one transaction; approving it closes the event in the same transaction when the event's table allows.
struct ReportWorkflow: Sendable {
    let reports: ReportRepository
    let events: EventRepository
    let eventHistory: EventHistoryRepository
    /// Who checked in: what a report's counts start from.
    let registrations: RegistrationRepository
    /// The time now (history, submission, approval); injected so tests can move it.
    let now: @Sendable () -> Date

    /// The statuses of an event in which its report and recommendations are written: it took place and
    /// its record is not closed yet.
    static let writableEventStatuses: Set<EventStatus> = [.held, .reportPending]

    /// The report of `event`, or 404.
    func load(_ event: Event) async throws -> EventReport {
        guard let report = try await reports.find(eventID: event.id) else { throw ServiceError.notFound("report") }
        return report
    }

    /// What the event's check-ins say, for the counts `input` leaves to them.
    private func content(of input: ReportInput, for event: Event) async throws -> ReportContent {
        guard input.needsCheckIns else { return try input.content(checkIns: nil) }
        let attended = try await registrations.attended(of: event.id, limit: ReportLimits.attendees.upperBound)
        return try input.content(checkIns: CheckInCounts(attended: attended.map(\.participant)))
    }

    /// Drafts the report of the caller's event; the counts `input` leaves out come from the check-ins.
    func create(_ caller: EventWorkflow.Authorized, _ input: ReportInput) async throws -> EventReport {
        try Self.requireWritable(caller.event)
        let content = try await content(of: input, for: caller.event)
        guard try await reports.find(eventID: caller.event.id) == nil else { throw ServiceError.reportExists }
        let now = now()
        let report = EventReport(
            eventID: caller.event.id, status: .draft, content: content, createdBySubject: caller.principal.subject, createdAt: now,
            updatedAt: now, submittedAt: nil, approvedAt: nil, version: 1)
        let statements = [
            try reports.insertStatement(report),
            reports.appendStatement(to: report.eventID, actor: caller.principal.subject, action: .created, to: .draft, at: now),
        ]
        do {
            try await reports.database.transaction { session in
                for statement in statements { try await session.raw(statement).run() }
            }
        } catch {
            // Two drafts at once: the second fails on the primary key, and is told the report exists.
            if try await reports.find(eventID: caller.event.id) != nil { throw ServiceError.reportExists }
            throw error
        }
        return report
    }

    /// Replaces the content of the caller's draft report; the counts `input` leaves out come from the
    /// check-ins as they are now.
    func edit(_ caller: EventWorkflow.Authorized, ifMatch request: Request, _ input: ReportInput) async throws -> EventReport {
        var report = try await load(caller.event)
        try request.checkIfMatch(currentETag: report.eTag)
        try Self.requireWritable(caller.event)
        guard report.status == .draft else { throw ServiceError.reportNotDraft(report.status) }
        report.content = try await content(of: input, for: caller.event)
        return try await save(report, by: caller, entry: (.edited, nil, nil, nil))
    }

    /// Moves the caller's report along ``ReportStatus/allowedTransitions``; approval is staff's and closes
    /// the event when it is `report_pending`.
    func transition(_ caller: EventWorkflow.Authorized, ifMatch request: Request, _ input: ReportTransition) async throws -> EventReport {
        var report = try await load(caller.event)
        try request.checkIfMatch(currentETag: report.eTag)
        try Self.requireWritable(caller.event)
        let from = report.status
        guard from.allowedTransitions.contains(input.to) else {
            throw ServiceError.illegalReportTransition(from: from, allowed: from.allowedTransitions)
        }
        // Those who ran the event write and submit its record; staff approve it or send it back.
        if from == .submitted, caller.principal.roles.isDisjoint(with: EventAccess.staff) { throw ServiceError.approvalByStaff }
        let now = now()
        switch input.to {
        case .submitted: report.submittedAt = now
        case .approved: report.approvedAt = now
        case .draft: report.submittedAt = nil
        }
        report.status = input.to
        return try await save(report, by: caller, entry: (.transition, from, input.to, input.note), at: now)
    }

    private func save(
        _ report: EventReport, by caller: EventWorkflow.Authorized,
        entry: (action: ReportHistoryAction, from: ReportStatus?, to: ReportStatus?, note: String?), at time: Date? = nil
    ) async throws -> EventReport {
        let now = time ?? now()
        var saved = report
        let expectedVersion = saved.version
        saved.version += 1
        saved.updatedAt = now
        let actor = caller.principal.subject
        var closedEvent: (event: Event, expectedVersion: Int)?
        if saved.status == .approved, caller.event.status.allowedTransitions.contains(.closed) {
            var event = caller.event
            event.status = .closed
            event.version += 1
            event.updatedAt = now
            closedEvent = (event, caller.event.version)
        }
        try await reports.database.transaction { [reports, events, eventHistory, saved, closedEvent] session in
            guard try await reports.update(saved, expectedVersion: expectedVersion, on: session) else { throw ServiceError.staleVersion }
            try await session.raw(
                reports.appendStatement(
                    to: saved.eventID, actor: actor, action: entry.action, from: entry.from, to: entry.to, note: entry.note, at: now)
            ).run()
            if let closedEvent {
                guard try await events.update(closedEvent.event, expectedVersion: closedEvent.expectedVersion, on: session) else {
                    throw ServiceError.staleVersion
                }
                try await session.raw(
                    eventHistory.appendStatement(
                        to: saved.eventID, actor: actor, action: .transition, from: caller.event.status, to: .closed, note: "report approved",
                        at: now)
                ).run()
            }
        }
        return saved
    }

    private static func requireWritable(_ event: Event) throws {
        guard writableEventStatuses.contains(event.status) else { throw ServiceError.eventNotHeld(event.status) }
    }
}
