import Foundation
import Hummingbird
import Models
import Persistence
import ServiceKit
import SQLKit

/// `GET /api/v1/appeals/stats`: aggregates for staff and national stakeholders. Counts and medians only;
/// no row, no personal data, no free text ever leaves this route.
struct StatisticsRoutes {
    static let readers: Set<Role> = [.admin, .coordinator, .verifier, .legalExpert, .stakeholder]
    /// Months are the programme's months: Asia/Bishkek.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Bishkek")!
        return calendar
    }()

    let database: Database

    func register(on router: ServiceRouter) {
        router.get("/api/v1/appeals/stats", use: statistics)
    }

    struct Statistics: ResponseEncodable {
        var total = 0
        var overdue = 0
        var byStatus: [String: Int] = [:]
        var byRegion: [String: Int] = [:]
        var byCategory: [String: Int] = [:]
        var byChannel: [String: Int] = [:]
        var byGender: [String: Int] = [:]
        var byVulnerableGroup: [String: Int] = [:]
        var byMonth: [String: Int] = [:]
        var medianDaysToVerification: Double?
        var medianDaysToAnswer: Double?
    }

    @Sendable func statistics(_ request: Request, context: ServiceRequestContext) async throws -> Statistics {
        _ = try context.requireRole(Self.readers)
        var query: SQLQueryString = """
            SELECT status, region_code, category_code, channel, gender, vulnerable_groups, received_at, verified_at, answered_at, response_due_at
            FROM appeals WHERE 1 = 1
            """
        if let from = try request.dateQuery("receivedFrom") { query += " AND received_at >= \(bind: from.epochMilliseconds)" }
        if let to = try request.dateQuery("receivedTo") { query += " AND received_at < \(bind: to.epochMilliseconds)" }
        let now = Date()
        var statistics = Statistics()
        var daysToVerification: [Double] = [], daysToAnswer: [Double] = []
        for row in try await database.sql.raw(query).all() {
            let status = try row.enumeration("status", as: AppealStatus.self)
            let receivedAt = try row.date("received_at")
            statistics.total += 1
            if status.isOpen, try row.date("response_due_at") < now { statistics.overdue += 1 }
            statistics.byStatus[status.rawValue, default: 0] += 1
            statistics.byRegion[try row.decode(column: "region_code", as: String.self), default: 0] += 1
            statistics.byCategory[try row.decode(column: "category_code", as: String.self), default: 0] += 1
            statistics.byChannel[try row.decode(column: "channel", as: String.self), default: 0] += 1
            statistics.byGender[try row.decode(column: "gender", as: String?.self) ?? "unknown", default: 0] += 1
            for group in try row.decode(column: "vulnerable_groups", as: String.self).split(separator: ",") {
                statistics.byVulnerableGroup[String(group), default: 0] += 1
            }
            let month = Self.calendar.dateComponents([.year, .month], from: receivedAt)
            statistics.byMonth[String(format: "%04d-%02d", month.year!, month.month!), default: 0] += 1
            if let verifiedAt = try row.optionalDate("verified_at") { daysToVerification.append(verifiedAt.timeIntervalSince(receivedAt) / 86_400) }
            if let answeredAt = try row.optionalDate("answered_at") { daysToAnswer.append(answeredAt.timeIntervalSince(receivedAt) / 86_400) }
        }
        statistics.medianDaysToVerification = Self.median(daysToVerification)
        statistics.medianDaysToAnswer = Self.median(daysToAnswer)
        return statistics
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        return (median * 100).rounded() / 100
    }
}
