import Foundation
import Models
import Persistence
import SQLKit

/// What statistics read: the counts (``AppealCounters``) and the appeals' workflow columns, none of them
/// personal data.
struct StatisticsRepository: Sendable {
    let database: Database

    /// Exact counts, before disclosure control.
    struct Tally {
        var total = 0
        var byStatus: [String: Int] = [:], byRegion: [String: Int] = [:], byCategory: [String: Int] = [:]
        var byChannel: [String: Int] = [:], bySex: [String: Int] = [:], byAgeBand: [String: Int] = [:]
        var byVulnerableGroup: [String: Int] = [:], byMonth: [String: Int] = [:]
    }

    /// The counts of appeals received in `period`, from ``AppealCounters``.
    func tally(_ period: StatisticsPeriod) async throws -> Tally {
        var query: SQLQueryString = """
            SELECT month, region_code, category_code, channel, sex, age_band, vulnerable_group, status, appeals
            FROM appeal_counts WHERE appeals <> 0
            """
        if let from = period.from { query += " AND month >= \(bind: from)" }
        if let to = period.to { query += " AND month <= \(bind: to)" }
        var tally = Tally()
        for row in try await database.sql.raw(query).all() {
            let appeals = try row.decode(column: "appeals", as: Int.self)
            let group = try row.decode(column: "vulnerable_group", as: String.self)
            guard group == AppealCounters.allAppeals else {
                tally.byVulnerableGroup[group, default: 0] += appeals
                continue
            }
            tally.total += appeals
            tally.byStatus[try row.decode(column: "status", as: String.self), default: 0] += appeals
            tally.byRegion[try row.decode(column: "region_code", as: String.self), default: 0] += appeals
            tally.byCategory[try row.decode(column: "category_code", as: String.self), default: 0] += appeals
            tally.byChannel[try row.decode(column: "channel", as: String.self), default: 0] += appeals
            tally.bySex[try row.decode(column: "sex", as: String.self), default: 0] += appeals
            tally.byAgeBand[try row.decode(column: "age_band", as: String.self), default: 0] += appeals
            tally.byMonth[try row.decode(column: "month", as: String.self), default: 0] += appeals
        }
        // Cells emptied by changes (a status left) stay as zero rows; they are not news.
        for keyPath in [\Tally.byStatus, \.byRegion, \.byCategory, \.byChannel, \.bySex, \.byAgeBand, \.byVulnerableGroup, \.byMonth] {
            tally[keyPath: keyPath] = tally[keyPath: keyPath].filter { $0.value != 0 }
        }
        return tally
    }

    /// Overdue appeals and days to each milestone, from the appeals' workflow columns (none of them
    /// personal data) over the same months.
    func durations(_ period: StatisticsPeriod, at now: Date) async throws -> (overdue: Int, toVerification: [Double], toAnswer: [Double]) {
        var query: SQLQueryString = "SELECT status, received_at, verified_at, answered_at, response_due_at FROM appeals WHERE 1 = 1"
        if let start = period.start { query += " AND received_at >= \(bind: start.epochMilliseconds)" }
        if let end = period.end { query += " AND received_at < \(bind: end.epochMilliseconds)" }
        var overdue = 0
        var toVerification: [Double] = []
        var toAnswer: [Double] = []
        for row in try await database.sql.raw(query).all() {
            let receivedAt = try row.date("received_at")
            if try row.enumeration("status", as: AppealStatus.self).isOpen, try row.date("response_due_at") < now { overdue += 1 }
            if let verifiedAt = try row.optionalDate("verified_at") { toVerification.append(verifiedAt.timeIntervalSince(receivedAt) / Appeal.secondsPerDay) }
            if let answeredAt = try row.optionalDate("answered_at") { toAnswer.append(answeredAt.timeIntervalSince(receivedAt) / Appeal.secondsPerDay) }
        }
        return (overdue, toVerification, toAnswer)
    }
}
