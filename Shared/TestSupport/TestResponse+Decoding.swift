import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore

extension TestResponse {
    /// The body decoded as `type`, with the platform's conventions (RFC 3339 timestamps); throws, naming
    /// the body, when it does not decode, so a test fails with what it got.
    public func decoded<Body: Decodable>(as type: Body.Type = Body.self) throws -> Body {
        do {
            return try TestJSON.decoder.decode(Body.self, from: Data(body.readableBytesView))
        } catch {
            throw TestResponseDecodingError(type: "\(Body.self)", status: status.code, body: text, underlying: "\(error)")
        }
    }

    /// The problem-details body, or `nil` when the body is not one.
    public var problem: Problem? {
        guard headers[.contentType] == Problem.mediaType else { return nil }
        return try? TestJSON.decoder.decode(Problem.self, from: Data(body.readableBytesView))
    }

    /// The problem's stable code, or `nil` when the body is not a problem.
    public var problemCode: String? { problem?.code }

    /// The body as text.
    public var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }
}

/// JSON encoding and decoding as the platform's services do it, for request and response bodies in tests.
public enum TestJSON {
    /// Decodes bodies with RFC 3339 timestamps.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Encodes bodies with RFC 3339 timestamps and sorted keys (stable bodies for idempotency keys).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// A response body that did not decode as the test expected.
public struct TestResponseDecodingError: Error, CustomStringConvertible {
    /// The type the test expected.
    public let type: String
    /// The response's status code.
    public let status: Int
    /// The body received.
    public let body: String
    /// Why decoding failed.
    public let underlying: String

    public var description: String { "expected \(type), got \(status): \(body.prefix(500)) (\(underlying))" }
}
