import Foundation
import HTTPTypes
import Models
import OpenMediaKit
import ServiceKit
import Testing

@testable import Gateway

/// The catalog is the one list of services: everything that needs the list reads it or is checked here.
@Suite struct ServiceCatalogTests {
    @Test func namesPortsPrefixesAndDatabasesAreDistinct() {
        let all = ServiceCatalog.all
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(Set(all.map(\.defaultPort)).count == all.count)
        #expect(Set(all.map(\.databaseName)).count == all.count)
        #expect(Set(all.compactMap(\.apiKeyScope)).count == ServiceCatalog.backends.count)
        let prefixes = all.flatMap(\.pathPrefixes)
        #expect(Set(prefixes).count == prefixes.count)
        #expect(ServiceCatalog.owner(of: "/api/v1/events/123")?.name == "events-and-hearings")
        #expect(ServiceCatalog.owner(of: "/open311/v2/requests.json")?.name == "appeals")
        #expect(ServiceCatalog.owner(of: "/api/v1/eventsx") == nil)
    }

    @Test func openMediaRunsEveryCatalogServiceOnItsDefinition() {
        let definitions = OpenMediaPlatform.backends + [GatewayService.definition]
        #expect(OpenMediaPlatform.backends.map(\.name) == ServiceCatalog.backends.map(\.name))
        for service in ServiceCatalog.all {
            #expect(definitions.first { $0.name == service.name }?.defaultPort == service.defaultPort, "\(service.name)")
        }
    }

    @Test func theGatewayForwardsEveryCatalogPrefixAndKeysReachEveryScope() {
        #expect(Upstream.all.map(\.name) == ServiceCatalog.backends.map(\.name))
        #expect(APIKey.Scope.services == ServiceCatalog.backends.compactMap(\.apiKeyScope))
        let key = APIKey(
            id: .v7(), organizationId: .v7(), name: "k", prefix: "p", scopes: [APIKey.Scope(rawValue: "events:read")!],
            createdBy: "t", createdAt: .init()
        )
        #expect(key.allows(method: "GET", path: "/api/v1/events/x"))
        #expect(!key.allows(method: "POST", path: "/api/v1/events"))
        #expect(!key.allows(method: "GET", path: "/api/v1/appeals"))
    }

    @Test func theGatewaysScopePatternNamesTheCatalogsScopes() throws {
        let schema = try GatewayService.definition.openAPIDocument().components["schemas"]?.objectValue?["Scope"]?.objectValue
        let scopes = ServiceCatalog.backends.compactMap(\.apiKeyScope).joined(separator: "|")
        #expect(schema?["pattern"] == .string("^(\(scopes)):(read|write)$"))
    }

    /// A service's OpenAPI document says an operation is public (`"security": []`) exactly where its
    /// catalog entry declares the route public at the gateway; a route it declares for some roles only
    /// is not public in the document either.
    @Test(arguments: OpenMediaPlatform.backends.map(\.name))
    func publicOperationsInTheDocumentAreExactlyThePublicRoutesAtTheEdge(service: String) throws {
        let definition = try #require(OpenMediaPlatform.backends.first { $0.name == service })
        for (template, item) in try definition.openAPIDocument().paths {
            // A concrete path for the template: `{id}` becomes a plain segment.
            let path = template.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("{") ? "sample" : String($0) }.joined(separator: "/")
            for (method, operation) in item.objectValue ?? [:] {
                guard let method = HTTPRequest.Method(method.uppercased()) else { continue }
                let isPublicInDocument = operation.objectValue?["security"] == .array([])
                let access = RoutePolicyTable.standard.rule(path: path, method: method).access
                #expect(isPublicInDocument == (access == .public), "\(method) \(template): document and edge disagree")
            }
        }
    }
}
