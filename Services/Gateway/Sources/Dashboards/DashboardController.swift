import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import ServiceKit

/// `GET /api/v1/dashboard` (JSON) and `GET /api/v1/dashboard.csv`: the logframe's indicators with the
/// services' figures. Stakeholders and staff get every indicator with exact figures; everyone else, the
/// public included, the public indicators with small cells suppressed.
struct DashboardController {
    static let path = "/api/v1/dashboard"
    static let csvPath = "/api/v1/dashboard.csv"

    let dashboards: DashboardService

    func register(on router: ServiceRouter) {
        router.get(RouterPath(Self.path), use: json)
        router.get(RouterPath(Self.csvPath), use: csv)
    }

    @Sendable func json(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let dashboard = try await dashboards.dashboard(for: context.identity, period: try DashboardPeriod(request, now: dashboards.now()))
        return try .json(dashboard)
    }

    @Sendable func csv(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let period = try DashboardPeriod(request, now: dashboards.now())
        let dashboard = try await dashboards.dashboard(for: context.identity, period: period)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8; header=present"
        headers[.contentDisposition] = #"attachment; filename="dashboard-\#(period.from)-\#(period.to).csv""#
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: DashboardCSV.text(dashboard))))
    }
}

/// Builds dashboards: the logframe the caller may see, the figures of the services it names, composed.
struct DashboardService: Sendable {
    let logframe: LogframeRepository
    let sources: IndicatorSources
    let now: @Sendable () -> Date
    /// Dashboards already composed, per audience and period, with the logframe they were composed from:
    /// composing a year of a million appeals' figures takes far longer than showing it, and every visitor
    /// of an audience sees the same dashboard.
    let composed = ExpiringCache<ComposedKey, Composed>(maxEntries: 256)

    /// How long a composed dashboard is shown again: its figures are then at most this much older than the
    /// services' answers it was composed from (``IndicatorSources`` keeps those 30 s). A changed logframe is
    /// composed again at once.
    static let composedLifetime: TimeInterval = 10

    struct ComposedKey: Hashable, Sendable {
        let isExact: Bool
        let from: String
        let to: String
    }

    struct Composed: Sendable {
        let indicators: [LogframeIndicator]
        let dashboard: Dashboard
    }

    /// The dashboard `identity` may see over `period`.
    func dashboard(for identity: Identity?, period: DashboardPeriod) async throws -> Dashboard {
        let isExact = LogframeAccess.seesEverything(identity)
        let indicators = try await logframe.all(publicOnly: !isExact)
        let key = ComposedKey(isExact: isExact, from: period.from, to: period.to)
        let now = now()
        if let kept = composed.value(for: key, now: now), kept.indicators == indicators { return kept.dashboard }
        let dashboard = await dashboard(indicators, isExact: isExact, period: period)
        // One with a service "not available now" is not kept: the service is asked again as soon as its own
        // back-off allows, and the dashboard shows its figures the moment it answers.
        if !dashboard.indicators.contains(where: { $0.availability == .unavailable }) {
            composed.store(Composed(indicators: indicators, dashboard: dashboard), for: key, until: now + Self.composedLifetime)
        }
        return dashboard
    }

    /// `indicators` with their figures over `period`, exact or suppressed.
    func dashboard(_ indicators: [LogframeIndicator], isExact: Bool, period: DashboardPeriod) async -> Dashboard {
        let figures = await sources.figures(of: Set(indicators.map(\.sourceService)), in: period)
        return DashboardComposer(period: period, isExact: isExact).dashboard(indicators, figures: figures)
    }
}
