import Foundation
import Gateway
import Models
import OpenMediaKit
import ServiceKit
import TestSupport
import Testing

/// Each service's `Sources/Resources/openapi.json` is the document it serves, formatted for a partner to
/// read, valid OpenAPI 3.1, and says what every service's operations share (the conventions below), so
/// no code has to complete it.
@Suite struct OpenAPIDocumentTests {
    static let definitions = OpenAPIRouteTests.definitions.filter { $0.openAPIResource != nil }
    static let names = definitions.map(\.name)

    static func definition(_ name: String) throws -> ServiceDefinition {
        try #require(definitions.first { $0.name == name })
    }

    @Test func theGatewayAndAppealsHaveTheirDocuments() {
        #expect(Set(Self.names).isSuperset(of: ["gateway", "appeals"]))
    }

    /// Reading the file drops nothing (unknown keys would vanish silently) and adds only the kit's own route.
    @Test(arguments: names)
    func theServedDocumentIsTheFile(service: String) throws {
        let definition = try Self.definition(service)
        let file = try JSONDecoder().decode(JSONValue.self, from: Data(definition.openAPIResource!))
        var served = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(definition.openAPIDocument()))
        if let path = definition.undeliverableMessagesPath, case .object(var document) = served,
            case .object(var paths)? = document["paths"]
        {
            paths[path] = nil
            document["paths"] = .object(paths)
            served = .object(document)
        }
        #expect(served == file)
    }

    /// Formatted as `python3 -m json.tool --indent 2 --sort-keys --no-ensure-ascii` writes it: a change shows
    /// as a readable diff, and two editors cannot disagree on key order.
    @Test(arguments: names)
    func theFileIsFormatted(service: String) throws {
        let bytes = try Self.definition(service).openAPIResource!
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == CanonicalJSON.text(of: value) + "\n", "run: python3 -m json.tool --indent 2 --sort-keys --no-ensure-ascii")
    }

    @Test(arguments: names)
    func theDocumentPassesTheOpenAPISpecValidator(service: String) async throws {
        let document = try Self.definition(service).openAPIDocument()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(service)-\(UUID().uuidString).json")
        try JSONEncoder().encode(document).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await ExternalCommand.run(["openapi-spec-validator", file.path])
        if outcome.status == 127 {
            Issue.record("openapi-spec-validator is not installed: pip install openapi-spec-validator")
        } else {
            #expect(outcome.status == 0, "openapi-spec-validator: \(outcome.output.suffix(4_000))")
        }
    }

    /// The gateway merges components by name, keeping the first: a shared name must mean the same everywhere.
    @Test func componentsOfTheSameNameAreTheSameInEveryDocument() throws {
        var seen: [String: (service: String, value: JSONValue)] = [:]
        for definition in Self.definitions {
            for (kind, members) in try definition.openAPIDocument().components {
                for (name, value) in members.objectValue ?? [:] {
                    let key = "\(kind)/\(name)"
                    if let first = seen[key] {
                        #expect(first.value == value, "\(key) differs between \(first.service) and \(definition.name)")
                    } else {
                        seen[key] = (definition.name, value)
                    }
                }
            }
        }
        let regions = seen["schemas/Region"]?.value.objectValue?["enum"]
        #expect(regions == .array(Region.allCases.map { .string($0.code) }))
    }

    /// What every operation says the same way: the problem answers the kit and the gateway give, and
    /// request bodies read with `null` meaning absent.
    @Test(arguments: names)
    func everyOperationFollowsTheConventions(service: String) throws {
        let document = try Self.definition(service).openAPIDocument()
        let lookup = OpenAPIReferences(document: document)
        for (path, item) in document.paths {
            for (method, operation) in item.objectValue ?? [:] {
                let label = "\(method.uppercased()) \(path)"
                let responses = operation.objectValue?["responses"]?.objectValue ?? [:]
                for (status, response) in responses where status.hasPrefix("4") {
                    // Problem details, or (on Open311 paths) the standard's error list beside them.
                    let content = lookup.resolve(response).objectValue?["content"]?.objectValue
                    #expect(content?["application/problem+json"] != nil, "\(label) \(status) is not problem details")
                }
                var expected: Set<String> = ["429"] // the gateway's rate limits cover every route
                if operation.objectValue?["security"] != .array([]) { expected.insert("401") }
                if operation.objectValue?["requestBody"] != nil { expected.insert("415") }
                let parameters = (operation.objectValue?["parameters"]?.arrayValue ?? []).map(lookup.resolve)
                let hasIfMatch = parameters.contains { $0.objectValue?["name"] == .string("If-Match") }
                if hasIfMatch {
                    expected.formUnion(["412", "428"])
                    #expect(parameters.contains { $0.objectValue?["name"] == .string("If-Match") && $0.objectValue?["required"] == .bool(true) })
                }
                // Only the answers the operation can give: 428 is a missing If-Match, 422 a body's fields.
                #expect(responses["428"] == nil || hasIfMatch, "\(label) documents 428 without If-Match")
                #expect(responses["422"] == nil || operation.objectValue?["requestBody"] != nil, "\(label) documents 422 without a body")
                #expect(expected.subtracting(responses.keys).sorted() == [], "\(label) leaves out answers it gives")
                if let schema = operation.objectValue?["requestBody"]?[path: ["content", "application/json", "schema"]] {
                    for property in lookup.optionalPropertiesRefusingNull(schema) {
                        Issue.record("\(label): optional \(property) must admit null (it is read as absent)")
                    }
                }
            }
        }
    }
}

/// Resolves a document's local `$ref`s (`#/components/schemas/Appeal`).
struct OpenAPIReferences {
    let document: OpenAPIDocument

    func resolve(_ value: JSONValue) -> JSONValue {
        guard case .string(let reference)? = value.objectValue?["$ref"], reference.hasPrefix("#/components/") else { return value }
        let path = reference.dropFirst("#/components/".count).split(separator: "/").map(String.init)
        guard let kind = path.first, let target = document.components[kind]?[path: Array(path.dropFirst())] else { return value }
        return resolve(target)
    }

    /// The optional properties of an object schema (and of the objects inside it) that do not admit `null`.
    func optionalPropertiesRefusingNull(_ schema: JSONValue, at prefix: String = "") -> [String] {
        let schema = resolve(schema)
        var refusing: [String] = []
        for part in schema.objectValue?["allOf"]?.arrayValue ?? [] {
            refusing += optionalPropertiesRefusingNull(part, at: prefix)
        }
        guard let properties = schema.objectValue?["properties"]?.objectValue else { return refusing }
        let required = Set(
            (schema.objectValue?["required"]?.arrayValue ?? []).compactMap { value -> String? in
                if case .string(let name) = value { name } else { nil }
            })
        for (name, property) in properties {
            let property = resolve(property)
            if !required.contains(name), !admitsNull(property) { refusing.append(prefix + name) }
            let alternatives = property.objectValue?["anyOf"]?.arrayValue ?? [property]
            for alternative in alternatives {
                refusing += optionalPropertiesRefusingNull(alternative, at: prefix + name + ".")
            }
        }
        return refusing
    }

    private func admitsNull(_ schema: JSONValue) -> Bool {
        let fields = schema.objectValue ?? [:]
        if fields["type"] == .string("null") { return true }
        if fields["type"]?.arrayValue?.contains(.string("null")) == true { return true }
        return (fields["anyOf"]?.arrayValue ?? []).contains { admitsNull(resolve($0)) }
    }
}

/// JSON as Python's `json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)` writes it.
enum CanonicalJSON {
    static func text(of value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .string(let string): return quoted(string)
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            return "[\n" + elements.map { inner + text(of: $0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n"
                + members.keys.sorted().map { key in
                    inner + quoted(key) + ": " + text(of: members[key]!, indent: inner)
                }.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    private static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
