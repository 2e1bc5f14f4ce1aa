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
        // A region the form could not make sense of shows the country alone; another council's region is a 403.
        let region = (try? RegionalDashboardAccess.requested(in: request)) ?? nil
        let dashboard = try await dashboards.dashboard(for: context.identity, period: period, region: region)
        let texts = renderer.texts(for: request)
        let canManage = (try? LogframeAccess.requireManager(context)) != nil
        let canChooseRegion = RegionalDashboardPage.canChooseRegion(context.identity)
        return renderer.page(title: texts["dashboard_title"] ?? "", request: request, context: context) { language, _ in
            let key = RenderedDashboardPages.Key(
                language: language, isExact: dashboard.isExact, from: dashboard.from, to: dashboard.to, isPeriodInvalid: requested == nil,
                canManage: canManage, canChooseRegion: canChooseRegion,
                region: dashboard.region?.regionCode)
            return rendered.content(for: key, showing: dashboard) {
                let texts = renderer.translations.texts(language)
                var values = DashboardPage(dashboard: dashboard, language: language, texts: texts).values
                values.merge(RegionalDashboardPage(dashboard: dashboard, canChooseRegion: canChooseRegion, language: language, texts: texts).values) {
                    $1
                }
                values["isPeriodInvalid"] = requested == nil
                values["canManage"] = canManage
                return renderer.content("dashboard", values: values, language: language)
            }
        }
    }
}
