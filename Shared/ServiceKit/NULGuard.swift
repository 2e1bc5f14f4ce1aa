import Foundation
import Hummingbird

/// Refuses NUL characters in request URIs: PostgreSQL cannot store them in text, and no legitimate
/// path, query or search term contains one, so they are a 400 here rather than a database error later.
/// (JSON bodies get the same check in ``Request/decodeJSON(as:context:)``.)
struct NULGuardMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.containsEncodedNUL(request.uri.description) else {
            throw ServiceError.nulCharacter(in: "The URL")
        }
        return try await next(request, context)
    }

    /// Whether `uri` contains `%00`, in one pass over its bytes (Foundation's substring search is slow
    /// for something every request pays).
    static func containsEncodedNUL(_ uri: String) -> Bool {
        var matched = 0
        for byte in uri.utf8 {
            switch (matched, byte) {
            case (_, UInt8(ascii: "%")): matched = 1
            case (1, UInt8(ascii: "0")): matched = 2
            case (2, UInt8(ascii: "0")): return true
            default: matched = 0
            }
        }
        return false
    }
}

enum NULGuard {
    /// Whether a JSON text contains the escape `\u0000` (a raw NUL byte is not JSON at all, and the
    /// decoder refuses it). Escapes are stepped over in pairs, so an escaped backslash followed by the
    /// text `u0000` is not mistaken for one.
    static func containsEscapedNUL(_ json: some RandomAccessCollection<UInt8>) -> Bool {
        let zero = UInt8(ascii: "0")
        var index = json.startIndex
        while index != json.endIndex {
            guard json[index] == UInt8(ascii: "\\") else {
                json.formIndex(after: &index)
                continue
            }
            let escape = json[json.index(after: index)...].prefix(5)
            if escape.elementsEqual([UInt8(ascii: "u"), zero, zero, zero, zero]) { return true }
            index = json.index(index, offsetBy: 2, limitedBy: json.endIndex) ?? json.endIndex
        }
        return false
    }
}
