import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Reads events-and-hearings' indicators (``EventIndicator``) straight from its tables, per Bishkek month
/// and region. Events are few (hundreds a year, not millions), so each figure is a short indexed read of
/// the period's rows summed here; ``IndicatorSnapshots`` keeps the answer for dashboards.
struct EventIndicatorRepository: Sendable {
    let database: Database
    /// Counts people once across the events they came to.
    let uniqueParticipants: UniqueParticipants

    /// The statuses of an event that took place.
    static let heldStatuses: [EventStatus] = [.held, .reportPending, .closed]

    /// Sums figures by indicator, month, region and dimensions.
    private struct Tally {
        var values: [IndicatorFigure: Double] = [:]

        mutating func add(_ indicator: String, _ month: String, _ region: String, _ dimensions: IndicatorDimensions = .init(), _ value: Double = 1) {
            values[IndicatorFigure(indicator: indicator, period: month, regionCode: region, dimensions: dimensions, value: 0), default: 0] += value
        }

        var figures: [IndicatorFigure] {
            values.filter { $0.value != 0 }.map { key, value in
                var figure = key
                figure.value = value
                return figure
            }
        }
    }

    /// Every non-zero figure of `period`, sorted by indicator, month and region; `now` decides which due days are over.
    func figures(in period: IndicatorPeriod, at now: Date) async throws -> [IndicatorFigure] {
        let from = BishkekTime.start(ofMonth: period.from).epochMilliseconds
        let to = BishkekTime.end(ofMonth: period.to).epochMilliseconds
        var tally = Tally()
        try await held(from: from, to: to, into: &tally)
        try await participants(from: from, to: to, into: &tally)
        try await dutyBearers(from: from, to: to, into: &tally)
        for (month, region, dimensions) in try await uniqueParticipants.figures(from: from, to: to, statuses: Self.heldStatuses) {
            for dimension in dimensions { tally.add(EventIndicator.uniqueParticipants.name, month, region, dimension) }
        }
        try await recommendations(from: from, to: to, into: &tally)
        try await overdue(in: period, at: now, into: &tally)
        return tally.figures.sorted {
            ($0.indicator, $0.period, $0.regionCode, $0.dimensions.sortKey) < ($1.indicator, $1.period, $1.regionCode, $1.dimensions.sortKey)
        }
    }

    private func held(from: Int64, to: Int64, into tally: inout Tally) async throws {
        for row in try await database.sql.raw(
            """
            SELECT type, region_code, starts_at FROM events
            WHERE status IN (\(binds: Self.heldStatuses.map(\.rawValue))) AND region_code IS NOT NULL
            AND starts_at >= \(bind: from) AND starts_at < \(bind: to)
            """
        ).all() {
            let month = BishkekTime.month(of: try row.date("starts_at"))
            let region = try row.decode(column: "region_code", as: String.self)
            tally.add(EventIndicator.held.name, month, region)
            tally.add(EventIndicator.held(try row.enumeration("type")), month, region)
        }
    }

    /// Attendees of approved reports, by the month the event started: participations, each person once per
    /// event (``UniqueParticipants`` counts people).
    private func participants(from: Int64, to: Int64, into tally: inout Tally) async throws {
        for row in try await database.sql.raw(
            """
            SELECT e.region_code, e.starts_at, r.attendee_count, r.participants FROM event_reports r JOIN events e ON e.id = r.event_id
            WHERE r.status = \(bind: ReportStatus.approved.rawValue) AND e.region_code IS NOT NULL
            AND e.starts_at >= \(bind: from) AND e.starts_at < \(bind: to)
            """
        ).all() {
            let month = BishkekTime.month(of: try row.date("starts_at"))
            let region = try row.decode(column: "region_code", as: String.self)
            let name = EventIndicator.participants.name
            tally.add(name, month, region, .init(), Double(try row.decode(column: "attendee_count", as: Int.self)))
            let counts = try EventRepository.decode(ParticipantCounts.self, try row.decode(column: "participants", as: String.self))
            for (code, count) in counts.sex { tally.add(name, month, region, .init(sex: code), Double(count)) }
            for (code, count) in counts.ageBand { tally.add(name, month, region, .init(ageBand: code), Double(count)) }
            for (code, count) in counts.vulnerableGroup { tally.add(name, month, region, .init(vulnerableGroup: code), Double(count)) }
            for (code, count) in counts.stakeholderType { tally.add(name, month, region, .init(stakeholderType: code), Double(count)) }
        }
    }

    /// Invited officials marked as having come, at events that took place, by the month the event started:
    /// each invitation a person or an organisation the programme asked, so the count is of those it holds
    /// to account, not of whoever ticked "duty-bearer" on a form.
    private func dutyBearers(from: Int64, to: Int64, into tally: inout Tally) async throws {
        for row in try await database.sql.raw(
            """
            SELECT e.region_code, e.starts_at FROM invitations i JOIN events e ON e.id = i.event_id
            WHERE i.role = \(bind: InvitationRole.official.rawValue) AND i.attendance = \(bind: Attendance.attended.rawValue)
            AND e.status IN (\(binds: Self.heldStatuses.map(\.rawValue))) AND e.region_code IS NOT NULL
            AND e.starts_at >= \(bind: from) AND e.starts_at < \(bind: to)
            """
        ).all() {
            tally.add(
                EventIndicator.dutyBearersAttended.name, BishkekTime.month(of: try row.date("starts_at")),
                try row.decode(column: "region_code", as: String.self))
        }
    }

    private func recommendations(from: Int64, to: Int64, into tally: inout Tally) async throws {
        for row in try await database.sql.raw(
            """
            SELECT r.created_at, e.region_code FROM recommendations r JOIN events e ON e.id = r.event_id
            WHERE e.region_code IS NOT NULL AND r.created_at >= \(bind: from) AND r.created_at < \(bind: to)
            """
        ).all() {
            tally.add(
                EventIndicator.recommendationsMade.name, BishkekTime.month(of: try row.date("created_at")),
                try row.decode(column: "region_code", as: String.self))
        }
        let moves: [RecommendationStatus: EventIndicator] = [.accepted: .recommendationsAccepted, .implemented: .recommendationsImplemented]
        for row in try await database.sql.raw(
            """
            SELECT h.to_status, h.occurred_at, e.region_code FROM recommendation_history h
            JOIN recommendations r ON r.id = h.recommendation_id JOIN events e ON e.id = r.event_id
            WHERE h.occurred_at >= \(bind: from) AND h.occurred_at < \(bind: to) AND h.from_status IS NOT NULL AND h.from_status <> h.to_status
            AND h.to_status IN (\(binds: moves.keys.map(\.rawValue).sorted())) AND e.region_code IS NOT NULL
            """
        ).all() {
            guard let indicator = moves[try row.enumeration("to_status", as: RecommendationStatus.self)] else { continue }
            tally.add(indicator.name, BishkekTime.month(of: try row.date("occurred_at")), try row.decode(column: "region_code", as: String.self))
        }
    }

    /// Open recommendations by the month of their due day, counting the due days already over.
    private func overdue(in period: IndicatorPeriod, at now: Date, into tally: inout Tally) async throws {
        // Days sort after their month and before the next, so one text range covers the period's days.
        let end = min(BishkekTime.day(of: now), period.to + "-32")
        let closed = RecommendationStatus.allCases.filter { !$0.canBeOverdue }.map(\.rawValue)
        for row in try await database.sql.raw(
            """
            SELECT r.due_on, e.region_code FROM recommendations r JOIN events e ON e.id = r.event_id
            WHERE r.status NOT IN (\(binds: closed)) AND r.due_on >= \(bind: period.from) AND r.due_on < \(bind: end) AND e.region_code IS NOT NULL
            """
        ).all() {
            let due = try row.decode(column: "due_on", as: String.self)
            tally.add(EventIndicator.recommendationsOverdue.name, String(due.prefix(7)), try row.decode(column: "region_code", as: String.self))
        }
    }
}

extension IndicatorDimensions {
    /// A sort key for figures of one indicator, month and region.
    fileprivate var sortKey: String {
        [sex, ageBand, vulnerableGroup, stakeholderType, category, channel].map { $0 ?? "" }.joined(separator: "|")
    }
}
