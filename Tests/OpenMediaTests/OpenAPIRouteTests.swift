import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Models
import OpenMediaKit
import Persistence
import ServiceKit
import TestSupport
import Testing
import Web

/// Each service's OpenAPI document and its router agree: every route it answers is documented, and every
/// documented operation is a route it answers, so a partner's generated client neither misses an operation
/// nor calls one that answers 404.
@Suite struct OpenAPIRouteTests {
    static let definitions = [GatewayService.definition] + OpenMediaPlatform.backends

    /// The kit's routes for probes, Prometheus and the document itself: no partner calls them through the
    /// gateway, which does not route them.
    static let operationalPaths: Set<String> = ["/health", "/ready", "/metrics", "/openapi.json"]

    /// Routes a service's document leaves out by design.
    static func isUndocumentedByDesign(_ path: String, of service: PlatformService) -> Bool {
        if operationalPaths.contains(path) { return true }
        // Service-to-service routes (`/internal/events`, `/internal/indicators`): the gateway never forwards them.
        if path == "/internal" || path.hasPrefix("/internal/") { return true }
        guard service.name == ServiceCatalog.gateway.name else { return false }
        // The gateway's pages for people (Services/Web): HTML, not API.
        if SitePaths.isPage(path) { return true }
        // The gateway's forwarding of each service's prefixes: the owning service's document describes them.
        return ServiceCatalog.backends.contains { backend in
            backend.pathPrefixes.contains { path == $0 || path == $0 + "/**" }
        }
    }

    @Test(arguments: definitions.map(\.name))
    func everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute(service: String) async throws {
        let definition = try #require(Self.definitions.first { $0.name == service })
        let temporary = try await TemporaryDatabase.create(.sqlite)
        let instance = try await ServiceInstance.build(
            definition, reader: TestConfiguration.reader(for: definition, database: temporary.settings)
        )
        // Started and stopped once, so what the service opened is closed again.
        try await instance.application.test(.router) { _ in }
        try await temporary.drop()
        let registered = Set(
            instance.routes.flatMap { path, methods in methods.map { "\($0.rawValue) \(path)" } }
                .filter { !Self.isUndocumentedByDesign(String($0.split(separator: " ")[1]), of: definition.service) })
        let documented = Set(
            try definition.openAPIDocument().paths.flatMap { path, item in
                (item.objectValue ?? [:]).keys.map { "\($0.uppercased()) \(path)" }
            })
        #expect(registered.subtracting(documented).sorted() == [], "routes \(service)'s document does not describe")
        #expect(documented.subtracting(registered).sorted() == [], "operations \(service)'s document describes but it does not answer")
        #expect(!registered.isEmpty || definition.openAPIResource == nil)
    }
}
