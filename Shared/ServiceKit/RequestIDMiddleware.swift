import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Models

/// The request ID of the request being handled, for code far from the handler (the service client).
public enum RequestID {
    /// The header that carries the ID in and out of every service.
    public static let headerName = "X-Request-ID"
    static let header = HTTPField.Name(headerName)!

    /// The ID of the request this task is serving, if any.
    @TaskLocal public static var current: String?

    /// Whether a client-supplied ID is safe to log and forward: short, plain characters only.
    static func isAcceptable(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x5F || byte == 0x2E
            }
    }
}

/// Accepts `X-Request-ID` or generates one, puts it in the log metadata, the task-local
/// ``RequestID/current`` (so outgoing calls carry it), and the response.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id =
            request.headers[RequestID.header].flatMap { RequestID.isAcceptable($0) ? $0 : nil }
            ?? UUID.v7().uuidString.lowercased()
        var context = context
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await RequestID.$current.withValue(id) {
            try await next(request, context)
        }
        response.headers[RequestID.header] = id
        return response
    }
}
