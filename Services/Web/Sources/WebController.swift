import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// The public site's own routes: the home page and the stylesheet.
public struct WebController: Sendable {
    let renderer: PageRenderer
    let api: PageAPI

    /// The site rendered by `renderer`, calling the services through `api`.
    public init(renderer: PageRenderer, api: PageAPI) {
        self.renderer = renderer
        self.api = api
    }

    /// Registers `GET /` and `GET /static/site.css`.
    public func register(on router: ServiceRouter) {
        router.get("/", use: home)
        router.get("/static/site.css", use: stylesheet)
    }

    /// The home page, with the latest published appeals when appeals answers: without them when it does
    /// not, never a failed home page.
    @Sendable func home(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values: [String: Any] = [:]
        let source = PublishedAppealsSource(api: api)
        if case .success(let page, _) = await source.page(PublishedFilter(), limit: PublishedAppealsSource.latestCount, context: context),
            !page.items.isEmpty
        {
            // The home page names no categories, so it asks appeals one thing.
            values["hasLatest"] = true
            values["latest"] = page.items.map { PublishedAppealsSource.values($0, categories: [], texts: texts, language: language) }
        }
        return renderer.page("home", title: texts["home_title"] ?? "", values: values, request: request, context: context)
    }

    @Sendable func stylesheet(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/css; charset=utf-8"
        // Not versioned in its address yet, so a day: a changed stylesheet reaches everyone by the next day.
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.site_css)))
    }
}
