import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// The public appeal pages: the published appeals (a list with filters and a page per appeal), the appeal
/// form with its receipt, and tracking an appeal by its code. Every page reads and writes through appeals'
/// own API as the visitor, who is anonymous here; appeals' rules decide, the pages say them in words.
public struct PublicAppealsController: Sendable {
    let renderer: PageRenderer
    let api: PageAPI
    let published: PublishedAppealsSource
    /// Codes just shown, for a double click's second answer.
    let receipts = ReceiptMemory()

    /// The pages rendered by `renderer`, calling appeals through `api`.
    public init(renderer: PageRenderer, api: PageAPI) {
        self.renderer = renderer
        self.api = api
        published = PublishedAppealsSource(api: api)
    }

    /// Registers `GET /appeals`, `GET /appeals/{id}`, `GET`/`POST /appeals/new`, `GET`/`POST /track` and the
    /// receipt's copy script `GET /static/copy.js`.
    public func register(on router: ServiceRouter) {
        router.get("/appeals", use: list)
        router.get("/appeals/new", use: newAppeal)
        router.post("/appeals/new", use: sendAppeal)
        router.get("/appeals/{id}", use: detail)
        router.get("/track", use: trackingForm)
        router.post("/track", use: track)
        router.get("/static/copy.js", use: copyScript)
    }

    /// The page saying appeals cannot be reached now (503): the rest of the site still works.
    func unavailable(request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        return renderer.page(
            "error", title: texts["appeals_unavailable_heading"] ?? "",
            values: ["heading": texts["appeals_unavailable_heading"] ?? "", "explanation": texts["appeals_unavailable_explanation"] ?? ""],
            status: .serviceUnavailable, request: request, context: context)
    }

    /// The receipt's copy button: a script of our own that adds a button to what already works without it.
    @Sendable func copyScript(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/javascript; charset=utf-8"
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.copy_js)))
    }
}
