import HTTPTypes
import Hummingbird
import Logging
import Models
import ServiceKit

/// Answers a person's browser with an error page in their language instead of a problem document, when a
/// page address is not found (404), not allowed (403) or fails (500). API clients, and every API path, keep
/// their problem details: the middleware acts only on requests that accept HTML outside the API's paths.
public struct ErrorPagesMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    let renderer: PageRenderer

    /// Error pages rendered by `renderer`.
    public init(renderer: PageRenderer) {
        self.renderer = renderer
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.wantsPage(request) else { return try await next(request, context) }
        let status: HTTPResponse.Status
        do {
            let response = try await next(request, context)
            guard [.notFound, .forbidden, .internalServerError].contains(response.status),
                response.headers[.contentType]?.hasPrefix("text/html") != true
            else { return response }
            status = response.status
        } catch let error as any HTTPResponseError {
            // Other refusals (405, 413, 429 …) say something the client can act on: they stay as they are.
            guard [.notFound, .forbidden, .internalServerError].contains(error.status) else { throw error }
            status = error.status
        } catch {
            context.logger.error("page failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            status = .internalServerError
        }
        return page(for: status, request: request, context: context)
    }

    func page(for status: HTTPResponse.Status, request: Request, context: Context) -> Response {
        let texts = renderer.texts(for: request)
        let heading = texts["error_\(status.code)_heading"] ?? ""
        return renderer.page(
            "error", title: heading, values: ["heading": heading, "explanation": texts["error_\(status.code)_explanation"] ?? ""],
            status: status, request: request, context: context)
    }

    /// A browser asking for a page: a GET or HEAD outside the API's paths that accepts HTML.
    static func wantsPage(_ request: Request) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        guard SitePaths.isPage(request.uri.path) else { return false }
        return request.headers[.accept]?.contains("text/html") == true
    }
}
