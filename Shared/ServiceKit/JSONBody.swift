import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body, telling the client exactly what to fix.
    ///
    /// Bodies that are not JSON are `400 malformed_json`; JSON of the wrong shape or with invalid values
    /// is `422 validation_failed` naming the field. The body is read up to the route's limit (413 beyond).
    public func decodeJSON<Body: Decodable>(as type: Body.Type, context: ServiceRequestContext) async throws -> Body {
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
            return [path(context.codingPath): "must be a \(Self.jsonTypeName(type)), not null"]
        case .typeMismatch(let type, let context):
            return [path(context.codingPath): "must be a \(Self.jsonTypeName(type))"]
        case .dataCorrupted(let context):
            return [path(context.codingPath): context.debugDescription]
        @unknown default:
            return ["body": "does not have the expected shape"]
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Bool.Type: "boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is Double.Type: "number"
        case is [Any].Type: "array"
        default: "\(type)".hasPrefix("Array") ? "array" : "object"
        }
    }
}
