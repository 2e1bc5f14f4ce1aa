import HTTPTypes
import Hummingbird
import ServiceKit

/// Lets browsers on the configured origins call the API, and no others: allowed origins get their
/// preflights answered and `Access-Control-Allow-Origin` on responses; other origins get nothing.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    static let allowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE"
    static let allowedHeaders = "Authorization, Content-Type, X-API-Key, Idempotency-Key, If-Match, If-None-Match, X-Request-ID, Accept-Language"
    static let exposedHeaders = "ETag, Location, Retry-After, X-Request-ID"

    let origins: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], origins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = Self.allowedHeaders
            headers[.accessControlMaxAge] = "600"
            headers[.vary] = "Origin"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await context.responseRenderingErrors(request, next: next)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        response.headers[values: .vary].append("Origin")
        return response
    }
}
