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

    /// `paths` with, on every operation, the problem statuses pointing at the response `problem` (a
    /// component name), and JSON request bodies whose optional properties admit `null`.
    public static func completed(_ paths: [String: JSONValue], problem: String) -> [String: JSONValue] {
        let reference: JSONValue = .object(["$ref": .string("#/components/responses/" + problem)])
        return paths.mapValues { item in
            guard case .object(let operations) = item else { return item }
            return .object(operations.mapValues { operation in
                guard case .object(var fields) = operation else { return operation }
                var responses = fields["responses"]?.objectValue ?? [:]
                for status in problemStatuses where responses[status] == nil {
                    responses[status] = reference
                }
                fields["responses"] = .object(responses)
                if let schema = fields["requestBody"]?[path: jsonBodySchema] {
                    fields["requestBody"]?[path: jsonBodySchema] = nullingOptionals(schema)
                }
                return .object(fields)
            })
        }
    }

    /// `components` with the optional properties of the named input schemas admitting `null`.
    public static func nullable(inputs names: [String], in components: [String: JSONValue]) -> [String: JSONValue] {
        var components = components
        for name in names {
            if let schema = components["schemas"]?[path: [name]] {
                components["schemas"]?[path: [name]] = nullingOptionals(schema)
            }
        }
        return components
    }

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
