import Foundation
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

/// A service's `Resources/openapi.json` is read at start-up: one that cannot be read stops it with a
/// message naming the service and the file, rather than serving a broken or empty document.
@Suite struct OpenAPIDocumentLoadingTests {
    static func definition(document: String) -> ServiceDefinition {
        ServiceDefinition(service: PlatformService(name: "knowledge"), migrations: [], openAPIResource: Array(document.utf8))
    }

    @Test(arguments: [
        #"{"openapi": "3.1.0", "info": {"title": "knowledge", "version": "v1"}, "paths": {"#,
        #"{"openapi": "3.0.3", "info": {"title": "knowledge", "version": "v1"}, "paths": {}, "components": {}}"#,
        #"{"openapi": "3.1.0", "paths": {}, "components": {}}"#,
    ])
    func aDocumentThatCannotBeReadStopsStartUpNamingTheFile(document: String) async throws {
        let temporary = try await TemporaryDatabase.create(.sqlite)
        let reader = TestConfiguration.reader(service: "knowledge", database: temporary.settings)
        await #expect {
            _ = try await ServiceInstance.build(Self.definition(document: document), reader: reader)
        } throws: { error in
            let message = "\(error)"
            return message.contains("knowledge") && message.contains("Sources/Resources/openapi.json")
        }
        try await temporary.drop()
    }

    @Test func aValidDocumentIsServedAsWritten() throws {
        let document = try Self.definition(
            document: #"""
                {"openapi": "3.1.0", "info": {"title": "knowledge", "version": "v1"}, "components": {},
                 "paths": {"/api/v1/knowledge/manuals": {"get": {"summary": "List manuals"}}}}
                """#
        ).openAPIDocument()
        #expect(document.paths["/api/v1/knowledge/manuals"]?[path: ["get", "summary"]] == .string("List manuals"))
    }
}
