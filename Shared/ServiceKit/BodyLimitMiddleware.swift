import Hummingbird

/// Refuses bodies larger than the limit with 413 before reading them, and tells decoders the limit.
///
/// A declared `Content-Length` over the limit is refused at once; a chunked body is cut off when
/// ``Request/decodeJSON(as:context:)`` has read `limit` bytes.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    /// 1 MiB: far above any JSON document the API takes, far below what could exhaust memory.
    public static let defaultLimit = 1 << 20

    let limit: Int

    /// Creates a middleware that allows bodies up to `limit` bytes.
    public init(limit: Int) {
        self.limit = limit
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw ServiceError.bodyTooLarge(limit: limit)
        }
        var context = context
        context.bodyLimit = limit
        return try await next(request, context)
    }
}
