import Foundation
import HTTPTypes
import Hummingbird
import Models

/// The one error type handlers throw to answer a client: a status, a stable `code`, and a message a person
/// can act on. Rendered as RFC 9457 problem details.
///
/// Extend it with static members per service (`ServiceError.appealNotFound`), so every code is defined
/// once and can be found by searching for it.
public struct ServiceError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The stable machine-readable code, e.g. `validation_failed`.
    public var code: String
    /// What went wrong, worded for the client.
    public var detail: String
    /// Per-field messages, keyed by field path.
    public var fieldErrors: [String: String]?
    /// Extra response headers, e.g. `Allow` or `Retry-After`.
    public var headers: HTTPFields

    /// Creates an error.
    public init(
        _ status: HTTPResponse.Status, code: String, detail: String,
        fieldErrors: [String: String]? = nil, headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    /// The problem-details body of this error.
    public var problem: Problem {
        Problem(status: status.code, code: code, title: status.reasonPhrase, detail: detail, errors: fieldErrors)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = Problem.mediaType
        let body = try JSONEncoder.problem.encode(problem)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension ServiceError {
    /// The body is not JSON at all, or not the JSON shape the route takes.
    public static func malformedJSON(_ detail: String) -> ServiceError {
        ServiceError(.badRequest, code: "malformed_json", detail: detail)
    }

    /// The body parsed, but some fields are invalid; `fieldErrors` says which and why.
    public static func validationFailed(_ fieldErrors: [String: String]) -> ServiceError {
        ServiceError(
            .unprocessableContent, code: "validation_failed",
            detail: "Some fields are invalid; see `errors` for what to fix.", fieldErrors: fieldErrors
        )
    }

    /// The body is not of the media type the route reads.
    public static func unsupportedMediaType(expected: String) -> ServiceError {
        ServiceError(.unsupportedMediaType, code: "unsupported_media_type",
                     detail: "Send the request body with Content-Type: \(expected).")
    }

    /// A query parameter is invalid.
    public static func invalidQuery(_ parameter: String, _ message: String) -> ServiceError {
        ServiceError(.badRequest, code: "invalid_query", detail: message, fieldErrors: [parameter: message])
    }

    /// The body exceeds the route's limit.
    public static func bodyTooLarge(limit: Int) -> ServiceError {
        ServiceError(.contentTooLarge, code: "body_too_large", detail: "The request body is larger than \(limit) bytes.")
    }

    /// No route has this path.
    public static let notFound = ServiceError(.notFound, code: "not_found", detail: "No resource exists at this path.")

    /// The path exists but not for this method.
    public static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> ServiceError {
        let list = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        var headers = HTTPFields()
        headers[.allow] = list
        return ServiceError(
            .methodNotAllowed, code: "method_not_allowed",
            detail: "This path does not accept this method; it accepts \(list).", headers: headers
        )
    }

    /// Something failed on our side; the detail never carries the internal error.
    public static let internalError = ServiceError(
        .internalServerError, code: "internal_error",
        detail: "The server could not complete the request. It was logged; quote the X-Request-ID when reporting it."
    )
}

extension JSONEncoder {
    /// The encoder for problem bodies and other API JSON: ISO 8601 dates, stable key order.
    public static var problem: JSONEncoder { .api }

    /// The encoder for API responses: RFC 3339 UTC timestamps, sorted keys for stable output.
    public static var api: JSONEncoder {
        let encoder = JSONEncoder()
        // What `.iso8601` writes, without its cost (RFC3339 says why).
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension JSONDecoder {
    /// The decoder for API requests: RFC 3339 timestamps.
    public static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
