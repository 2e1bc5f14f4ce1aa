import Foundation
import Hummingbird
import Models
import Persistence
import ServiceKit
import SQLKit

/// `GET /api/v1/appeals/stats`: aggregates for staff and national stakeholders, by receipt month.
///
/// Counts come from ``AppealCounters``, never from the appeals (their demographics are sealed), and are
/// disclosed as ``DisclosedCount``s: 1 to 4 withheld as `"<5"`, the rest rounded to a multiple of 5.
/// Medians are shown only when computed from at least 5 appeals. No row, no personal data, no free text
/// ever leaves this route.
struct StatisticsController {
    static let readers: Set<Role> = [.admin, .coordinator, .verifier, .legalExpert, .stakeholder]

    let database: Database
    /// The time now, which decides what is overdue; injected so tests can move it.
    let now: @Sendable () -> Date

    func register(on router: ServiceRouter) {
        router.get("/api/v1/appeals/stats", use: statistics)
    }

    struct Statistics: ResponseEncodable {
        var from: String?
        var to: String?
        var total: DisclosedCount
        var overdue: DisclosedCount
        var byStatus: [String: DisclosedCount]
        var byRegion: [String: DisclosedCount]
        var byCategory: [String: DisclosedCount]
        var byChannel: [String: DisclosedCount]
        var byGender: [String: DisclosedCount]
        var byAgeGroup: [String: DisclosedCount]
        var byVulnerableGroup: [String: DisclosedCount]
        var byMonth: [String: DisclosedCount]
        var medianDaysToVerification: Double?
        var medianDaysToAnswer: Double?
    }

    @Sendable func statistics(_ request: Request, context: ServiceRequestContext) async throws -> Statistics {
        _ = try context.requireRole(Self.readers)
        let period = try StatisticsPeriod(request)
        let counts = try await tally(period)
        let durations = try await durations(period)
        func disclosed(_ counts: [String: Int]) -> [String: DisclosedCount] { counts.mapValues(DisclosedCount.init) }
        return Statistics(
            from: period.from, to: period.to, total: DisclosedCount(counts.total), overdue: DisclosedCount(durations.overdue),
            byStatus: disclosed(counts.byStatus), byRegion: disclosed(counts.byRegion), byCategory: disclosed(counts.byCategory),
            byChannel: disclosed(counts.byChannel), byGender: disclosed(counts.bySex), byAgeGroup: disclosed(counts.byAgeBand),
            byVulnerableGroup: disclosed(counts.byVulnerableGroup), byMonth: disclosed(counts.byMonth),
            medianDaysToVerification: Self.median(durations.toVerification), medianDaysToAnswer: Self.median(durations.toAnswer)
        )
    }

    /// Exact counts, before disclosure control.
    struct Tally {
        var total = 0
        var byStatus: [String: Int] = [:], byRegion: [String: Int] = [:], byCategory: [String: Int] = [:]
        var byChannel: [String: Int] = [:], bySex: [String: Int] = [:], byAgeBand: [String: Int] = [:]
        var byVulnerableGroup: [String: Int] = [:], byMonth: [String: Int] = [:]
    }

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
    func durations(_ period: StatisticsPeriod) async throws -> (overdue: Int, toVerification: [Double], toAnswer: [Double]) {
        var query: SQLQueryString = "SELECT status, received_at, verified_at, answered_at, response_due_at FROM appeals WHERE 1 = 1"
        if let start = period.start { query += " AND received_at >= \(bind: start.epochMilliseconds)" }
        if let end = period.end { query += " AND received_at < \(bind: end.epochMilliseconds)" }
        let now = now()
        var overdue = 0, toVerification: [Double] = [], toAnswer: [Double] = []
        for row in try await database.sql.raw(query).all() {
            let receivedAt = try row.date("received_at")
            if try row.enumeration("status", as: AppealStatus.self).isOpen, try row.date("response_due_at") < now { overdue += 1 }
            if let verifiedAt = try row.optionalDate("verified_at") { toVerification.append(verifiedAt.timeIntervalSince(receivedAt) / 86_400) }
            if let answeredAt = try row.optionalDate("answered_at") { toAnswer.append(answeredAt.timeIntervalSince(receivedAt) / 86_400) }
        }
        return (overdue, toVerification, toAnswer)
    }

    /// The median to two decimals, or `nil` when fewer than ``DisclosedCount/threshold`` values would let
    /// it describe one appeal.
    static func median(_ values: [Double]) -> Double? {
        guard values.count >= DisclosedCount.threshold else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        return (median * 100).rounded() / 100
    }
}
