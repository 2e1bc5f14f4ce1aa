import Foundation
import Hummingbird
import Synchronization

/// An OpenAPI 3.1 document: what `GET /openapi.json` serves.
///
/// Paths and components are plain JSON: each service writes its API in OpenAPI's own terms in its
/// `Sources/Resources/openapi.json`, and the gateway merges the documents of every service without knowing
/// their schemas.
public struct OpenAPIDocument: Codable, Equatable, Sendable, ResponseEncodable {
    /// The document's metadata.
    public struct Info: Codable, Equatable, Sendable {
        /// The API's name: the service's name.
        public var title: String
        /// The API's version.
        public var version: String
    }

    /// Always `3.1.0`.
    public var openapi: String = "3.1.0"
    /// The API's name and version.
    public var info: Info
    /// The operations, keyed by path.
    public var paths: [String: JSONValue]
    /// Reusable schemas, responses and parameters, keyed by kind (`schemas`, …).
    public var components: [String: JSONValue]
    /// How callers authenticate unless an operation says otherwise (`"security": []` for public ones).
    public var security: [JSONValue]?

    /// Reads `service`'s document from its JSON, as `Resources/openapi.json` holds it.
    ///
    /// - Throws: ``OpenAPIDocumentError`` naming the service and what is wrong, when the JSON is malformed, is
    ///   not a document or is not OpenAPI 3.1.
    public init(json: [UInt8], service: String) throws {
        do {
            self = try JSONDecoder().decode(OpenAPIDocument.self, from: Data(json))
        } catch {
            throw OpenAPIDocumentError(service: service, problem: "\(error)")
        }
        guard openapi.hasPrefix("3.1.") else {
            throw OpenAPIDocumentError(service: service, problem: "its openapi version is \(openapi), not 3.1")
        }
    }

    /// Creates a document titled `title`.
    public init(title: String, version: String = "v1", paths: [String: JSONValue] = [:], components: [String: JSONValue] = [:]) {
        info = Info(title: title, version: version)
        self.paths = paths
        self.components = components
    }
}

/// A service's OpenAPI document cannot be read: start-up stops with this message.
public struct OpenAPIDocumentError: Error, CustomStringConvertible, Sendable {
    /// The service whose document it is.
    public let service: String
    /// What is wrong.
    public let problem: String

    public var description: String {
        "the OpenAPI document of \(service) (Sources/Resources/openapi.json) cannot be read: \(problem)"
    }
}

/// Where the kit's `GET /openapi.json` gets its document: the service definition's by default.
///
/// The gateway replaces it with a provider that merges every service's document, so the one route
/// stays registered by the kit (and open without an identity, like `/health`).
public final class OpenAPIProvider: Sendable {
    private let provide: Mutex<@Sendable () async -> OpenAPIDocument>

    init(document: OpenAPIDocument) {
        provide = Mutex({ document })
    }

    /// Serves the document `provider` returns from now on.
    public func replace(with provider: @escaping @Sendable () async -> OpenAPIDocument) {
        provide.withLock { $0 = provider }
    }

    /// The document to serve now.
    public func document() async -> OpenAPIDocument {
        let provider = provide.withLock { $0 }
        return await provider()
    }
}
