import Foundation
import Hummingbird
import Models
import ServiceKit

/// `GET /internal/indicators?from=YYYY-MM&to=YYYY-MM`: the service's figures (``EventIndicator``) for the
/// gateway's dashboards. Only the gateway may call. Answers are at most ``IndicatorSnapshots/lifetime`` old.
struct EventIndicatorController {
    let indicators: EventIndicatorRepository
    let snapshots: IndicatorSnapshots
    /// The time now, which decides what is overdue; injected so tests can move it.
    let now: @Sendable () -> Date

    init(_ components: EventsComponents) {
        indicators = EventIndicatorRepository(
            database: components.events.database, uniqueParticipants: UniqueParticipants(registrations: components.registrations))
        snapshots = IndicatorSnapshots(now: components.now)
        now = components.now
    }

    func register(on router: ServiceRouter) {
        router.group(RouterPath(IndicatorPeriod.path)).add(middleware: AllowedCallersMiddleware(IndicatorPeriod.callers)).get(use: figures)
    }

    @Sendable func figures(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let period = try IndicatorPeriod(request)
        let now = now()
        // Overdue counts the due days already over, so the day is part of what an answer depends on.
        let key = "\(period.from)/\(period.to)/\(BishkekTime.day(of: now))"
        return .json(indicatorFigures: try await snapshots.answer(for: key) { [indicators] in try await indicators.figures(in: period, at: now) })
    }
}
