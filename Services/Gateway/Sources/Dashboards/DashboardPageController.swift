import Foundation
import Hummingbird
import Models
import ServiceKit
import Web

/// `GET /dashboard`: the dashboard as a page in the visitor's language, drawn on the server (tables and SVG
/// charts, no script). A signed-in stakeholder or staff member sees every indicator exactly; everyone else
/// the public indicators with small cells suppressed, as the API decides from the same identity.
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
        let dashboard = try await dashboards.dashboard(for: context.identity, period: period)
        let texts = renderer.texts(for: request)
        var values = DashboardPage(dashboard: dashboard, language: PageLanguage.negotiate(request).language, texts: texts).values
        values["isPeriodInvalid"] = requested == nil
        values["canManage"] = (try? LogframeAccess.requireManager(context)) != nil
        return renderer.page("dashboard", title: texts["dashboard_title"] ?? "", values: values, request: request, context: context)
    }
}
