// swift-format-ignore-file: AlwaysUseLowerCamelCase
// Open311 GeoReport v2 names its fields in snake_case; these types carry the spec's names as they are.

import Hummingbird
import ServiceKit

/// Answers errors on the Open311 paths as GeoReport v2 clients read them: the standard's error list
/// (`<errors><error><code>…</code><description>…</description></error></errors>`, or the same as a JSON
/// array), in the format the path asked for, instead of problem details.
///
/// `code` is the HTTP status, as the standard has it; `error_code` is our stable code, so a program can
/// still tell `api_key_required` from `validation_failed`. Each invalid field is its own error, named in
/// its description, since the standard's list has no per-field map.
struct Open311ErrorMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    /// One entry of the standard's error list.
    struct Entry: Encodable {
        let code: Int
        let description: String
        let error_code: String
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix(Open311Controller.root) else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            // The kit's own mapping: Hummingbird's errors keep their status, internal ones are logged and hidden.
            let problem = ServiceError.rendering(error, logger: context.logger)
            let format = Open311Format(path: request.uri.path) ?? .json
            return try format.response(Self.entries(for: problem), root: "errors", status: problem.status, headers: problem.headers)
        }
    }

    static func entries(for problem: ServiceError) -> [Entry] {
        guard let fields = problem.fieldErrors, !fields.isEmpty else {
            return [Entry(code: problem.status.code, description: problem.detail, error_code: problem.code)]
        }
        return fields.sorted { $0.key < $1.key }.map {
            Entry(code: problem.status.code, description: "\($0.key): \($0.value)", error_code: problem.code)
        }
    }
}
