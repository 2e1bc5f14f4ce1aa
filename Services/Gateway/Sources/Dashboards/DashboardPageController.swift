import Foundation
import Hummingbird
import Models
import ServiceKit
import Web

/// `GET /dashboard`: the dashboard as a page in the visitor's language, drawn on the server (tables and SVG
/// charts, no script). A signed-in stakeholder or staff member sees every indicator exactly; everyone else
/// the public indicators with small cells suppressed, as the API decides from the same identity. A region asked
/// for, or a council member's own, is shown in detail below (``RegionalDashboardAccess``).
struct DashboardPageController {
    static let path = "/dashboard"

    let renderer: PageRenderer
    let dashboards: DashboardService

    func register(on router: ServiceRouter) {
        router.get(RouterPath(Self.path), use: page)
    }

    @Sendable func page(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let now = dashboards.now()
        // A period the form could not make sense of shows this year so far, saying so, rather than an error page.
        let requested = try? DashboardPeriod(request, now: now)
        let period = requested ?? DashboardPeriod(yearToDateOf: now)
        // A region the form could not make sense of shows the country alone; another council's region is a 403.
        let region = (try? RegionalDashboardAccess.requested(in: request)) ?? nil
        let dashboard = try await dashboards.dashboard(for: context.identity, period: period, region: region)
        let texts = renderer.texts(for: request)
        let language = PageLanguage.negotiate(request).language
        var values = DashboardPage(dashboard: dashboard, language: language, texts: texts).values
        values.merge(RegionalDashboardPage(dashboard: dashboard, identity: context.identity, language: language, texts: texts).values) { $1 }
        values["isPeriodInvalid"] = requested == nil
        values["canManage"] = (try? LogframeAccess.requireManager(context)) != nil
        return renderer.page("dashboard", title: texts["dashboard_title"] ?? "", values: values, request: request, context: context)
    }
}
