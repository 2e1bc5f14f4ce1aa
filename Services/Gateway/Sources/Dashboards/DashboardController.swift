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
        let period = try DashboardPeriod(request, now: dashboards.now())
        let region = try RegionalDashboardAccess.requested(in: request)
        return try .json(try await dashboards.dashboard(for: context.identity, period: period, region: region))
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
    /// Dashboards already composed (``ComposedDashboards``).
    let composed = ComposedDashboards()

    /// The dashboard `identity` may see over `period`.
    func dashboard(for identity: Identity?, period: DashboardPeriod) async throws -> Dashboard {
        let isExact = LogframeAccess.seesEverything(identity)
        let indicators = try await logframe.current(publicOnly: !isExact)
        let key = ComposedDashboards.Key(isExact: isExact, from: period.from, to: period.to)
        return await composed.dashboard(for: key, indicators: indicators, now: now()) {
            await dashboard(indicators, isExact: isExact, period: period)
        }
    }

    /// The dashboard `identity` may see over `period`, with `region` in detail: the one asked for, else a council
    /// member's own (``RegionalDashboardAccess``; a council member asking for another region is a 403).
    func dashboard(for identity: Identity?, period: DashboardPeriod, region requested: Region?) async throws -> Dashboard {
        guard let region = requested ?? RegionalDashboardAccess.ownRegion(of: identity) else {
            return try await dashboard(for: identity, period: period)
        }
        let isRegionExact = try RegionalDashboardAccess.isExact(region, for: identity)
        var dashboard = try await dashboard(for: identity, period: period)
        // The same indicators as the country's, composed from the region's figures alone.
        let indicators = try await logframe.current(publicOnly: !dashboard.isExact)
        let key = ComposedDashboards.Key(isExact: isRegionExact, from: period.from, to: period.to, region: region)
        let regional = await composed.dashboard(for: key, indicators: indicators, now: now()) {
            await self.dashboard(indicators, isExact: isRegionExact, period: period, region: region)
        }
        dashboard.region = RegionalDashboard(regionCode: region.code, isExact: isRegionExact, indicators: regional.indicators)
        return dashboard
    }

    /// `indicators` with their figures over `period` (only `region`'s, when given), exact or suppressed.
    func dashboard(_ indicators: [LogframeIndicator], isExact: Bool, period: DashboardPeriod, region: Region? = nil) async -> Dashboard {
        let figures = await sources.figures(of: Set(indicators.map(\.sourceService)), in: period)
        return DashboardComposer(period: period, isExact: isExact, region: region).dashboard(indicators, figures: figures)
    }
}
