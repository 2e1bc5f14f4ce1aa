import Foundation
import Hummingbird
import Models
import ServiceKit

/// `GET /internal/indicators?from=YYYY-MM&to=YYYY-MM`: appeals' figures (``AppealIndicator``) for the
/// gateway's dashboards. Only the gateway may call.
struct IndicatorController {
    let indicators: IndicatorRepository
    /// The time now, which decides what is overdue; injected so tests can move it.
    let now: @Sendable () -> Date

    func register(on router: ServiceRouter) {
        router.group(RouterPath(IndicatorPeriod.path)).add(middleware: AllowedCallersMiddleware(IndicatorPeriod.callers)).get(use: figures)
    }

    @Sendable func figures(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let period = try IndicatorPeriod(request)
        return .json(IndicatorFigures(items: try await indicators.figures(in: period, at: now())))
    }
}
