import AsyncHTTPClient
import Foundation
import Logging
import Models
import NIOCore
import NIOHTTP1
import ServiceKit

/// Builds the gateway's `/openapi.json`: its own document plus every reachable service's paths and
/// components. A service that cannot be reached is left out rather than failing the whole document.
struct OpenAPIMerger: Sendable {
    let gatewayDocument: OpenAPIDocument
    let upstreams: [(upstream: Upstream, baseURL: URL)]
    let client: HTTPClient
    let signer: IdentitySigner
    let logger: Logger
    /// The document is a convenience; a slow service must not hold it up for long.
    static let timeout: TimeAmount = .seconds(2)
    static let maxDocumentBytes = 4 << 20

    func document() async -> OpenAPIDocument {
        let documents = await withTaskGroup(of: (Int, OpenAPIDocument?).self) { group in
            for (index, entry) in upstreams.enumerated() {
                group.addTask { (index, await fetch(entry.upstream, at: entry.baseURL)) }
            }
            var documents = [OpenAPIDocument?](repeating: nil, count: upstreams.count)
            for await (index, document) in group { documents[index] = document }
            return documents
        }
        // The gateway's own document names the whole API and says how callers authenticate.
        var merged = gatewayDocument
        for (entry, document) in zip(upstreams, documents) {
            guard let document else { continue }
            // Only what the gateway routes to this service is public: never its internal routes.
            for (path, operations) in document.paths where entry.upstream.owns(path) && merged.paths[path] == nil {
                merged.paths[path] = operations
            }
            for (kind, members) in document.components {
                guard let members = members.objectValue else { continue }
                var existing = merged.components[kind]?.objectValue ?? [:]
                existing.merge(members) { first, _ in first }
                merged.components[kind] = .object(existing)
            }
        }
        return merged
    }

    private func fetch(_ upstream: Upstream, at baseURL: URL) async -> OpenAPIDocument? {
        do {
            var request = HTTPClientRequest(url: baseURL.absoluteString.trimmingSuffixSlash + "/openapi.json")
            request.headers.add(name: IdentityAssertion.headerName, value: try await signer.assertion(for: .anonymous, audience: upstream.name))
            let response = try await client.execute(request, timeout: Self.timeout)
            guard response.status == .ok else {
                logger.notice("service has no OpenAPI document", metadata: ["upstream": .string(upstream.name), "status": "\(response.status.code)"])
                return nil
            }
            let body = try await response.body.collect(upTo: Self.maxDocumentBytes)
            return try JSONDecoder().decode(OpenAPIDocument.self, from: Data(body.readableBytesView))
        } catch {
            logger.notice("service's OpenAPI document skipped", metadata: ["upstream": .string(upstream.name), "error.type": "\(type(of: error))"])
            return nil
        }
    }
}

extension String {
    fileprivate var trimmingSuffixSlash: String {
        hasSuffix("/") ? String(dropLast()) : self
    }
}
