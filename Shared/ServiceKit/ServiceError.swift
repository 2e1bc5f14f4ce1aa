import Foundation
import HTTPTypes
import Hummingbird
import Models

/// The one error type handlers throw to answer a client: a status, a stable `code`, and a message a person
/// can act on. Rendered as RFC 9457 problem details.
///
/// Extend it with static members in one file per service (`<Name>Errors.swift`; the kit's own are in
/// `ServiceKitErrors.swift`), so every code is defined once and can be found by searching for it.
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
    ///
    /// Not Foundation's `.iso8601` strategy: it reports a timestamp it cannot read as data corrupted at the top
    /// of the document, which reads as a body that is not JSON at all (400) rather than a field to fix (422).
    public static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected an RFC 3339 date and time")
            }
            return date
        }
        return decoder
    }
}
