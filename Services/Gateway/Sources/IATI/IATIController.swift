import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import ServiceKit

/// `GET /api/v1/iati/activities.xml`: the programme as an IATI 2.03 activity with its results. The caller
/// sees what the dashboard shows them: the public, the public indicators with small cells suppressed.
struct IATIController {
    static let path = "/api/v1/iati/activities.xml"
    /// The most target periods whose actuals one export composes (each is one dashboard); later ones carry
    /// their targets only. Ten years of yearly targets, or five of monthly ones.
    static let maxPeriodsWithActuals = 60

    let dashboards: DashboardService
    let settings: IATISettings

    func register(on router: ServiceRouter) {
        router.get(RouterPath(Self.path), use: activities)
    }

    @Sendable func activities(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let now = dashboards.now()
        let isExact = LogframeAccess.seesEverything(context.identity)
        let indicators = try await dashboards.logframe.current(publicOnly: !isExact)
        let thisMonth = DashboardPeriod(yearToDateOf: now).to
        // Each target period that has begun, as far as this month: its actuals so far.
        let begun = Set(indicators.flatMap(\.targets).map(\.period)).filter { LogframePeriod.months(of: $0)[0] <= thisMonth }
            .sorted().prefix(Self.maxPeriodsWithActuals)
        let byPeriod = try await withThrowingTaskGroup(of: (String, Dashboard).self) { group in
            for period in begun {
                let months = LogframePeriod.months(of: period)
                let span = try DashboardPeriod(from: months[0], to: min(months[months.count - 1], thisMonth))
                group.addTask { (period, await dashboards.dashboard(indicators, isExact: isExact, period: span)) }
            }
            return try await group.reduce(into: [String: Dashboard]()) { $0[$1.0] = $1.1 }
        }
        let results = indicators.sorted { $0.codeOrder.lexicographicallyPrecedes($1.codeOrder) }.map { indicator in
            IATIActivityDocument.Result(
                indicator: indicator,
                actuals: byPeriod.compactMapValues { dashboard in dashboard.indicators.first { $0.id == indicator.id } })
        }
        let xml = IATIActivityDocument(settings: settings, generatedAt: now).xml(results)
        var headers = HTTPFields()
        headers[.contentType] = "application/xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}
