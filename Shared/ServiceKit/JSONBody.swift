import Foundation
import Hummingbird
import Models

extension Request {
    /// Decodes a JSON body, telling the client exactly what to fix.
    ///
    /// A body not sent as `application/json` is `415 unsupported_media_type`: browsers send `text/plain`
    /// and form posts across sites without asking first, so only a type they must ask about (a CORS
    /// preflight) may change anything. Bodies that are not JSON are `400 malformed_json`; JSON of the wrong
    /// shape or with invalid values is `422 validation_failed` naming the field in plain words (never a
    /// Swift type name). The body is read up to the route's limit (413 beyond).
    public func decodeJSON<Body: Decodable>(as type: Body.Type, context: ServiceRequestContext) async throws -> Body {
        guard Self.isJSON(mediaType: headers[.contentType]) else { throw ServiceError.unsupportedMediaType(expected: "application/json") }
        var request = self
        let data = Data(try await request.collectBody(context: context).readableBytesView)
        if NULGuard.containsEscapedNUL(data) {
            throw ServiceError.nulCharacter(in: "The request body")
        }
        // One parse: text that is not JSON is a data-corrupted error at the top; JSON of the wrong shape
        // fails at a field, or as a type mismatch. (Bodies are objects, so no value of the right shape is
        // refused at the top.)
        do {
            return try JSONDecoder.api.decode(Body.self, from: data)
        } catch DecodingError.dataCorrupted(let failure) where failure.codingPath.isEmpty {
            throw ServiceError.malformedJSON("The request body is not valid JSON.")
        } catch let error as DecodingError {
            throw ServiceError.validationFailed(Self.fieldErrors(for: error))
        }
    }

    /// Reads the whole body, up to the route's limit (`413 body_too_large` beyond), and keeps it in the
    /// request so that later readers see it too.
    public mutating func collectBody(context: ServiceRequestContext) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: context.bodyLimit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw ServiceError.bodyTooLarge(limit: context.bodyLimit)
        }
    }

    /// Whether a `Content-Type` names JSON: `application/json` or a `+json` type, parameters (`charset`) aside.
    static func isJSON(mediaType: String?) -> Bool {
        guard let mediaType else { return false }
        let essence = mediaType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }

    private static func fieldErrors(for error: DecodingError) -> [String: String] {
        func path(_ codingPath: [any CodingKey], appending key: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (key.map { [$0] } ?? [])
            let rendered = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return rendered.isEmpty ? "body" : String(rendered.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return [path(context.codingPath, appending: key): "is required"]
        case .valueNotFound(let type, let context):
            return [path(context.codingPath): "must be \(Self.jsonTypeName(type)), not null"]
        case .typeMismatch(let type, let context):
            return [path(context.codingPath): "must be \(Self.jsonTypeName(type))"]
        case .dataCorrupted(let context):
            return [path(context.codingPath): Self.plainMessage(for: context)]
        @unknown default:
            return ["body": "does not have the expected shape"]
        }
    }

    /// Foundation's own messages name Swift types; say what is expected instead.
    private static func plainMessage(for context: DecodingError.Context) -> String {
        if let plain = context.underlyingError as? PlainDecodingMessage { return plain.message }
        let description = context.debugDescription
        if description.contains("UUID") { return "must be a UUID such as 0190a5c4-7b1e-7c3a-9a1e-2f1d3c4b5a69" }
        if description.localizedCaseInsensitiveContains("date") { return "must be an RFC 3339 timestamp such as 2026-11-01T00:00:00Z" }
        if description.contains("number") || description.contains("fit") { return "must be a number in range" }
        return "has a value that is not valid here"
    }

    /// The JSON type a Swift type is written as, with its article.
    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is UUID.Type, is Date.Type, is any ClosedVocabulary.Type: "a string"
        case is Bool.Type: "a boolean"
        case is any BinaryInteger.Type: "a whole number"
        case is any BinaryFloatingPoint.Type: "a number"
        case is [Any].Type: "an array"
        default: "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
