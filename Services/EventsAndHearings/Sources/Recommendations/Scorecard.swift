import Foundation
import Hummingbird
import Models
import ServiceKit

/// `GET /api/v1/events/scorecards`: how a duty-bearer (`?dutyBearer=`) answers the recommendations made
/// to it, or how those made at a council's events (`?council=`, the organiser) fare. Publicly, only
/// recommendations of published public events count; staff see every event's (`scope` says which).
struct Scorecard: Codable, Sendable, ResponseEncodable {
    /// Which recommendations a scorecard counts.
    enum Scope: String, Codable, Sendable {
        /// Those of published public events.
        case `public`
        /// Every event's (staff).
        case all
    }

    /// Whose scorecard it is: exactly one of the two.
    struct Subject: Sendable {
        var dutyBearer: UUID?
        var council: UUID?

        /// Reads `dutyBearer` or `council` from the query (`400 invalid_query` unless exactly one is a UUID).
        init(_ request: Request) throws {
            func uuid(_ name: String) throws -> UUID? {
                guard let raw = request.uri.queryParameters[Substring(name)] else { return nil }
                guard let id = UUID(uuidString: String(raw)) else { throw ServiceError.invalidQuery(name, "\(name) must be an organisation's UUID") }
                return id
            }
            dutyBearer = try uuid("dutyBearer")
            council = try uuid("council")
            guard (dutyBearer == nil) != (council == nil) else {
                throw ServiceError.invalidQuery("dutyBearer", "give exactly one of dutyBearer and council")
            }
        }
    }

    var dutyBearerId: UUID?
    var councilId: UUID?
    var scope: Scope
    /// The day overdue is counted on (`YYYY-MM-DD`, Bishkek).
    var asOf: String
    var recommendations: Int
    /// Taken on by the duty-bearer, whatever came of them since.
    var accepted: Int
    var implemented: Int
    /// Past their due day and neither implemented nor rejected.
    var overdue: Int
    /// Whole days from being made to the duty-bearer's first answer (the first move from `proposed`), the
    /// median over the answered ones; `null` when none is answered.
    var medianDaysToFirstResponse: Double?

    init(subject: Subject, scope: Scope, today: String, rows: [RecommendationRepository.ScorecardRow]) {
        dutyBearerId = subject.dutyBearer
        councilId = subject.council
        self.scope = scope
        asOf = today
        recommendations = rows.count
        accepted = rows.filter(\.status.wasAccepted).count
        implemented = rows.filter { $0.status == .implemented }.count
        overdue = rows.filter { $0.status.canBeOverdue && $0.dueOn < today }.count
        let days = rows.compactMap { row in row.firstResponseAt.map { BishkekTime.wholeDays(from: row.createdAt, to: $0) } }.sorted()
        medianDaysToFirstResponse = days.isEmpty ? nil : Double(days[(days.count - 1) / 2] + days[days.count / 2]) / 2
    }
}
