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
    /// The page's content already rendered (``RenderedDashboardPages``).
    let rendered = RenderedDashboardPages()

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
        let canManage = (try? LogframeAccess.requireManager(context)) != nil
        return renderer.page(title: texts["dashboard_title"] ?? "", request: request, context: context) { language, _ in
            let key = RenderedDashboardPages.Key(
                language: language, isExact: dashboard.isExact, from: dashboard.from, to: dashboard.to, isPeriodInvalid: requested == nil,
                canManage: canManage)
            return rendered.content(for: key, showing: dashboard) {
                var values = DashboardPage(dashboard: dashboard, language: language, texts: renderer.translations.texts(language)).values
                values["isPeriodInvalid"] = requested == nil
                values["canManage"] = canManage
                return renderer.content("dashboard", values: values, language: language)
            }
        }
    }
}
