import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// JSON bodies: only as `application/json`, and errors in plain words.
@Suite struct JSONBodyTests {
    func post(_ client: some TestClientProtocol, contentType: String?, body: String) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.identityAssertion] = try await TestIdentities.assertion(TestIdentities.staff(), to: TestService.name)
        headers[.contentType] = contentType
        return try await client.execute(uri: "/api/v1/notes", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func aBodyThatIsNotSentAsJSONIs415NamingTheType() async throws {
        let valid = #"{"title": "Water", "region": "KG-N"}"#
        try await TestService.with(.sqlite) { service, executions in
            let client = service.client
            // What a hostile page can make a browser send without a preflight.
            for contentType in ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", nil] {
                let refused = try await post(client, contentType: contentType, body: valid)
                #expect(refused.status == .unsupportedMediaType, "\(contentType ?? "none")")
                #expect(refused.problem?.code == "unsupported_media_type")
                #expect(refused.problem?.detail?.contains("application/json") == true)
            }
            #expect(executions.count("notes") == 0)
            let dated = #"{"title": "Water", "region": "KG-N", "dueAt": "2026-06-13T10:42:04+06:00"}"#
            #expect(try await post(client, contentType: "application/json", body: dated).status == .created)
            for contentType in ["application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json"] {
                #expect(try await post(client, contentType: contentType, body: valid).status == .created, "\(contentType)")
            }
        }
    }

    static let timestampMessage = "must be an RFC 3339 timestamp such as 2026-11-01T00:00:00Z"

    @Test func decodingErrorsSayWhatIsExpectedWithoutSwiftTypeNames() async throws {
        try await TestService.with(.sqlite) { service, _ in
            let client = service.client
            let cases: [(body: String, field: String, message: String)] = [
                (#"{"title": "W", "region": "KG-X"}"#, "region", "must be one of \(Region.allCases.map(\.rawValue).joined(separator: ", "))"),
                (#"{"title": 5, "region": "KG-N"}"#, "title", "must be a string"),
                (#"{"title": null, "region": "KG-N"}"#, "title", "must be a string, not null"),
                (#"{"title": "W", "region": 5}"#, "region", "must be a string"),
                (#"{"title": "W", "region": "KG-N", "summary": {"xx": "?"}}"#, "summary", ""),
                // A timestamp Foundation cannot read is a field to fix, not a body that is not JSON.
                (#"{"title": "W", "region": "KG-N", "dueAt": "tomorrow"}"#, "dueAt", Self.timestampMessage),
                (#"{"title": "W", "region": "KG-N", "dueAt": "2026-06-13T10:42:04+21:03"}"#, "dueAt", Self.timestampMessage),
            ]
            for (body, field, message) in cases {
                let response = try await post(client, contentType: "application/json", body: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                let text = String(buffer: response.body)
                for typeName in ["Swift.", "String", "Region", "LocalizedText", "Optional", "Int", "Dictionary"] {
                    #expect(!text.contains(typeName), "\(body) answered \(text)")
                }
                if !message.isEmpty { #expect(response.problem?.errors?[field] == message, "\(body) answered \(text)") }
            }
        }
    }
}
