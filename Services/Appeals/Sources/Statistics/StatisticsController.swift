import Foundation
import Hummingbird
import Models
import ServiceKit

/// `GET /api/v1/appeals/stats`: aggregates for staff and national stakeholders, by receipt month.
///
/// Counts come from ``AppealCounters``, never from the appeals (their demographics are sealed), and are
/// disclosed as ``DisclosedCount``s: 1 to 4 withheld as `"<5"`, the rest rounded to a multiple of 5.
/// Medians are shown only when computed from at least 5 appeals. No row, no personal data, no free text
/// ever leaves this route.
struct StatisticsController {
    static let readers: Set<Role> = [.admin, .coordinator, .verifier, .legalExpert, .stakeholder]

    let statistics: StatisticsRepository
    /// The time now, which decides what is overdue; injected so tests can move it.
    let now: @Sendable () -> Date

    func register(on router: ServiceRouter) {
        router.get("/api/v1/appeals/stats", use: report)
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

    @Sendable func report(_ request: Request, context: ServiceRequestContext) async throws -> Statistics {
        _ = try context.requireRole(Self.readers)
        let period = try StatisticsPeriod(request)
        let counts = try await statistics.tally(period)
        let durations = try await statistics.durations(period, at: now())
        func disclosed(_ counts: [String: Int]) -> [String: DisclosedCount] { counts.mapValues(DisclosedCount.init) }
        return Statistics(
            from: period.from, to: period.to, total: DisclosedCount(counts.total), overdue: DisclosedCount(durations.overdue),
            byStatus: disclosed(counts.byStatus), byRegion: disclosed(counts.byRegion), byCategory: disclosed(counts.byCategory),
            byChannel: disclosed(counts.byChannel), byGender: disclosed(counts.bySex), byAgeGroup: disclosed(counts.byAgeBand),
            byVulnerableGroup: disclosed(counts.byVulnerableGroup), byMonth: disclosed(counts.byMonth),
            medianDaysToVerification: Self.median(durations.toVerification), medianDaysToAnswer: Self.median(durations.toAnswer)
        )
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
