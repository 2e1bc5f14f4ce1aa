import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

@Suite struct OpenAPITests {
    @Test func everyServiceServesItsDocumentWithoutAnAssertion() async throws {
        let temporary = try await TemporaryDatabase.create(.sqlite)
        let definition = ServiceDefinition(
            service: PlatformService(name: "knowledge"), migrations: [],
            openAPIResource: Array(
                #"""
                {"openapi": "3.1.0", "info": {"title": "knowledge", "version": "v1"}, "components": {},
                 "paths": {"/api/v1/knowledge/manuals": {"get": {"summary": "List manuals"}}}}
                """#.utf8)
        )
        let service = try await ServiceInstance.build(
            definition, reader: TestConfiguration.reader(service: "knowledge", database: temporary.settings)
        )
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try JSONDecoder().decode(OpenAPIDocument.self, from: Data(response.body.readableBytesView))
            #expect(document.openapi == "3.1.0")
            #expect(document.info.title == "knowledge")
            #expect(document.paths["/api/v1/knowledge/manuals"] != nil)
        }
        try await temporary.drop()
    }

    @Test func theGatewayMergesTheReachableServicesPublicPaths() async throws {
        try await TestGateway.withGateway(definition: GatewayService.definition) { client, _ in
            let response = try await client.send("/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONDecoder().decode(OpenAPIDocument.self, from: Data(response.body.readableBytesView))
            #expect(document.openapi == "3.1.0")
            #expect(document.paths["/api/v1/appeals/track/{code}"] != nil)
            #expect(document.paths["/internal/appeals/export"] == nil, "internal routes are never published")
            #expect(document.components["schemas"]?.objectValue?["Appeal"] != nil)
        }
    }

    @Test func anUnreachableServiceIsLeftOut() async throws {
        try await TestGateway.withGateway(upstreamURL: "http://127.0.0.1:1", definition: GatewayService.definition) { client, _ in
            let response = try await client.send("/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONDecoder().decode(OpenAPIDocument.self, from: Data(response.body.readableBytesView))
            #expect(document.paths.keys.allSatisfy { !$0.hasPrefix("/api/v1/appeals") }, "only the gateway's own paths")
            #expect(document.paths["/api/v1/auth/login"] != nil)
            #expect(document.security?.isEmpty == false)
            #expect(document.components["securitySchemes"]?.objectValue?["apiKey"] != nil)
        }
    }
}
