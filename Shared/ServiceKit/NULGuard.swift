import Foundation
import Hummingbird

/// Refuses NUL characters in request URIs: PostgreSQL cannot store them in text, and no legitimate
/// path, query or search term contains one, so they are a 400 here rather than a database error later.
/// (JSON bodies get the same check in ``Request/decodeJSON(as:context:)``.)
struct NULGuardMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.description.contains("%00") else {
            throw ServiceError.nulCharacter(in: "The URL")
        }
        return try await next(request, context)
    }
}

extension ServiceError {
    /// `400 nul_character`: `place` ("The URL", "The body") contains U+0000.
    public static func nulCharacter(in place: String) -> ServiceError {
        ServiceError(.badRequest, code: "nul_character", detail: "\(place) contains a NUL character (U+0000, %00); remove it.")
    }
}

enum NULGuard {
    /// Whether any string or key in a `JSONSerialization` tree contains U+0000.
    static func containsNUL(_ value: Any) -> Bool {
        switch value {
        case let string as String: string.utf8.contains(0)
        case let array as [Any]: array.contains(where: containsNUL)
        case let object as [String: Any]: object.contains { containsNUL($0.key) || containsNUL($0.value) }
        default: false
        }
    }
}
