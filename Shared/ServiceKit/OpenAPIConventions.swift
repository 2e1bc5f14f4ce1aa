import Foundation

/// What every service's OpenAPI document says the same way, applied to documents written as plain JSON:
/// the problem responses every operation may give, and that optional input fields may be `null`.
public enum OpenAPIConventions {
    /// The problem statuses an operation may answer besides its own.
    static let problemStatuses = ["400", "401", "403", "404", "409", "412", "422", "428", "429"]
    private static let jsonBodySchema = ["content", "application/json", "schema"]

    /// Decodes a document fragment written as a literal; a decoding failure is a programming error.
    public static func decode(_ text: String) -> [String: JSONValue] {
        try! JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }

    /// `paths` with, on every operation, the problem responses (415 too where it takes a body), and JSON
    /// request bodies whose optional properties admit `null`.
    public static func completed(_ paths: [String: JSONValue]) -> [String: JSONValue] {
        let reference: JSONValue = .object(["$ref": .string("#/components/responses/Problem")])
        return paths.mapValues { item in
            guard case .object(let operations) = item else { return item }
            return .object(operations.mapValues { operation in
                guard case .object(var fields) = operation else { return operation }
                var responses = fields["responses"]?.objectValue ?? [:]
                for status in problemStatuses where responses[status] == nil {
                    responses[status] = reference
                }
                // A body sent as anything but its declared type (JSON, or Open311's form) is refused.
                if fields["requestBody"] != nil, responses["415"] == nil {
                    responses["415"] = reference
                }
                fields["responses"] = .object(responses)
                if let schema = fields["requestBody"]?[path: jsonBodySchema] {
                    fields["requestBody"]?[path: jsonBodySchema] = nullingOptionals(schema)
                }
                return .object(fields)
            })
        }
    }

    /// A document's own `components` with the shared ones added, and the optional properties of the
    /// named input schemas admitting `null`.
    public static func components(_ own: [String: JSONValue], nullableInputs names: [String]) -> [String: JSONValue] {
        var components = own.merging(shared) { own, shared in
            .object((shared.objectValue ?? [:]).merging(own.objectValue ?? [:]) { _, own in own })
        }
        for name in names {
            if let schema = components["schemas"]?[path: [name]] {
                components["schemas"]?[path: [name]] = nullingOptionals(schema)
            }
        }
        return components
    }

    /// The parameters, responses and schemas every service's document uses.
    static let shared = decode(#"""
        {
          "parameters": {
            "IfMatch": {"name": "If-Match", "in": "header", "required": true, "schema": {"type": "string"}, "description": "The ETag last read"},
            "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
            "Cursor": {"name": "cursor", "in": "query", "schema": {"type": "string", "minLength": 1}, "description": "The nextCursor of the previous page"}
          },
          "responses": {
            "Problem": {"description": "RFC 9457 problem details", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
          },
          "schemas": {
            "Problem": {"type": "object", "required": ["type", "title", "status", "code"], "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}, "code": {"type": "string"}, "errors": {"type": "object", "additionalProperties": {"type": "string"}}}},
            "LocalizedText": {"type": "object", "minProperties": 1, "properties": {"ky": {"type": "string"}, "ru": {"type": "string"}, "en": {"type": "string"}}},
            "Region": {"enum": ["KG-B", "KG-C", "KG-J", "KG-N", "KG-O", "KG-T", "KG-Y", "KG-GB", "KG-GO"]}
          }
        }
        """#)

    /// Request bodies are decoded with `null` meaning "absent", so the document says so: every optional
    /// property of an input object also admits `null`.
    static func nullingOptionals(_ schema: JSONValue) -> JSONValue {
        guard case .object(var fields) = schema, case .object(let properties)? = fields["properties"] else { return schema }
        let required = Set(fields["required"]?.arrayValue?.compactMap { value -> String? in
            if case .string(let name) = value { name } else { nil }
        } ?? [])
        fields["properties"] = .object(properties.reduce(into: [:]) { result, property in
            let inner = nullingOptionals(property.value)
            result[property.key] = required.contains(property.key)
                ? inner : .object(["anyOf": .array([inner, .object(["type": .string("null")])])])
        })
        return .object(fields)
    }
}
