import Foundation
import Hummingbird
import Models
import ServiceKit

/// Answers `GET /api/v1/events/scorecards` for anyone; the route is public at the gateway.
struct ScorecardController {
    let recommendations: RecommendationRepository
    let now: @Sendable () -> Date

    init(_ components: EventsComponents) {
        recommendations = components.recommendations.recommendations
        now = components.now
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/events/scorecards").get(use: scorecard)
    }

    @Sendable func scorecard(_ request: Request, context: ServiceRequestContext) async throws -> Scorecard {
        let subject = try Scorecard.Subject(request)
        let identity = try context.requireIdentity()
        let scope: Scorecard.Scope = identity.roles.isDisjoint(with: EventAccess.staff) ? .public : .all
        let rows = try await recommendations.scorecardRows(dutyBearer: subject.dutyBearer, council: subject.council, publicOnly: scope == .public)
        return Scorecard(subject: subject, scope: scope, today: BishkekTime.day(of: now()), rows: rows)
    }
}
