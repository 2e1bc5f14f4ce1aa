import HTTPTypes
import Hummingbird

/// Marks every response of the routes it guards `Cache-Control: no-store`: they carry personal data or a
/// secret (a tracking code), which no browser, proxy or CDN may keep.
public struct NoStoreMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
