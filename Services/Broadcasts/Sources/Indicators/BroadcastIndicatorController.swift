import Foundation
import Hummingbird
import Models
import ServiceKit

/// `GET /internal/indicators?from=YYYY-MM&to=YYYY-MM`: the service's figures (``BroadcastIndicator``) for the
/// gateway's dashboards. Only the gateway may call. Answers are at most ``IndicatorSnapshots/lifetime`` old.
struct BroadcastIndicatorController {
    let indicators: BroadcastIndicatorRepository
    let snapshots: IndicatorSnapshots

    init(_ components: BroadcastsComponents) {
        indicators = BroadcastIndicatorRepository(database: components.episodes.database, questions: components.questionRepository)
        snapshots = IndicatorSnapshots(now: components.now)
    }

    func register(on router: ServiceRouter) {
        router.group(RouterPath(IndicatorPeriod.path)).add(middleware: AllowedCallersMiddleware(IndicatorPeriod.callers)).get(use: figures)
    }

    @Sendable func figures(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let period = try IndicatorPeriod(request)
        let body = try await snapshots.answer(for: "\(period.from)/\(period.to)") { [indicators] in try await indicators.figures(in: period) }
        return .json(indicatorFigures: body)
    }
}
