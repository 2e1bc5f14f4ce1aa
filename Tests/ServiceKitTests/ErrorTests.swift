import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@Suite struct ErrorTests {
    let staff = TestIdentities.staff()

    func withClient<Result>(
        overrides: [String: String] = [:], _ body: @Sendable @escaping (any TestClientProtocol) async throws -> Result
    ) async throws -> Result {
        try await TestService.with(.sqlite, overrides: overrides) { service, _ in try await body(service.client) }
    }

    @Test(arguments: [#"{"title": "#, "", #"{"title": "t", "region": "KG-N"} x"#, "{\u{0}}", "nul", #"{'title': 1}"#])
    func malformedJSONIs400WithAStableCode(body: String) async throws {
        let response = try await withClient { [staff] in
            try await $0.execute("/api/v1/notes", method: .post, as: staff, json: body)
        }
        #expect(response.status == .badRequest)
        #expect(response.headers[.contentType] == "application/problem+json")
        #expect(response.problem?.code == "malformed_json")
    }

    @Test(arguments: [#""a string""#, "[]", "42", "null"])
    func jsonOfTheWrongShapeIs422(body: String) async throws {
        let response = try await withClient { [staff] in
            try await $0.execute("/api/v1/notes", method: .post, as: staff, json: body)
        }
        #expect(response.status == .unprocessableContent)
        #expect(response.problem?.code == "validation_failed")
    }

    @Test func invalidFieldsAre422NamingEachField() async throws {
        let response = try await withClient { [staff] in
            try await $0.execute("/api/v1/notes", method: .post, as: staff, json: #"{"title": "t", "region": "KG-X", "summary": {}}"#)
        }
        #expect(response.status == .unprocessableContent)
        #expect(response.problem?.code == "validation_failed")
        #expect(response.problem?.errors?.keys.contains("region") == true)

        let missing = try await withClient { [staff] in
            try await $0.execute("/api/v1/notes", method: .post, as: staff, json: #"{"region": "KG-N"}"#)
        }
        #expect(missing.problem?.errors == ["title": "is required"])
    }

    @Test func aDeclaredOversizedBodyIs413BeforeItIsRead() async throws {
        let response = try await withClient(overrides: ["http.max.body.bytes": "1024"]) { [staff] client in
            var headers = HTTPFields()
            headers[.contentLength] = "5000"
            return try await client.execute(
                "/api/v1/notes", method: .post, as: staff, headers: headers,
                json: String(repeating: " ", count: 5000))
        }
        #expect(response.status == .contentTooLarge)
        #expect(response.problem?.code == "body_too_large")
    }

    @Test func anUndeclaredOversizedBodyIsCutOffAt413() async throws {
        let big = #"{"title": "\#(String(repeating: "a", count: 4000))", "region": "KG-N"}"#
        let response = try await withClient(overrides: ["http.max.body.bytes": "1024"]) { [staff] client in
            try await client.execute("/api/v1/notes", method: .post, as: staff, json: big)
        }
        #expect(response.status == .contentTooLarge)
        #expect(response.problem?.code == "body_too_large")
    }

    @Test func anUnknownRouteIs404() async throws {
        let response = try await withClient { [staff] in try await $0.execute("/api/v1/nothing-here", as: staff) }
        #expect(response.status == .notFound)
        #expect(response.problem?.code == "not_found")
    }

    @Test func aKnownPathWithTheWrongMethodIs405WithAllow() async throws {
        let response = try await withClient { [staff] in try await $0.execute("/api/v1/notes", method: .delete, as: staff) }
        #expect(response.status == .methodNotAllowed)
        #expect(response.problem?.code == "method_not_allowed")
        #expect(response.headers[.allow] == "POST")
    }

    @Test func anyOtherMethodOnAKnownPathIs405AndOPTIONSListsTheMethods() async throws {
        let (trace, query, options) = try await withClient { [staff] client in
            (
                try await client.execute("/api/v1/notes", method: .trace, as: staff),
                try await client.execute("/api/v1/notes", method: .init("QUERY")!, as: staff),
                try await client.execute("/api/v1/notes", method: .options, as: staff)
            )
        }
        #expect(trace.status == .methodNotAllowed)
        #expect(query.status == .methodNotAllowed)
        #expect(query.headers[.allow] == "POST")
        #expect(options.status == .noContent)
        #expect(options.headers[.allow] == "POST")
    }

    @Test func nulCharactersAre400InTheURLAndInJSONStrings() async throws {
        let (url, body) = try await withClient { [staff] client in
            (
                try await client.execute("/api/v1/notes/%00", as: staff),
                try await client.execute("/api/v1/notes", method: .post, as: staff, json: #"{"title": "a\u0000b", "region": "KG-N"}"#)
            )
        }
        #expect(url.status == .badRequest)
        #expect(url.problem?.code == "nul_character")
        #expect(body.status == .badRequest)
        #expect(body.problem?.code == "nul_character")
    }

    @Test func internalErrorsAre500WithoutTheirText() async throws {
        let response = try await withClient { [staff] in try await $0.execute("/api/v1/boom", as: staff) }
        #expect(response.status == .internalServerError)
        #expect(response.problem?.code == "internal_error")
        #expect(!String(buffer: response.body).contains("SELECT"))
    }

    @Test func requestIDsAreAcceptedWhenPlainAndReplacedOtherwise() async throws {
        let (kept, replaced, generated) = try await withClient { client in
            var plain = HTTPFields()
            plain[.requestID] = "req-123.abc_DEF"
            var hostile = HTTPFields()
            hostile[.requestID] = "evil\"} injected"
            return (
                try await client.execute(uri: "/health", method: .get, headers: plain),
                try await client.execute(uri: "/health", method: .get, headers: hostile),
                try await client.execute(uri: "/health", method: .get)
            )
        }
        #expect(kept.headers[.requestID] == "req-123.abc_DEF")
        #expect(replaced.headers[.requestID].map { UUID(uuidString: $0) != nil } == true)
        #expect(generated.headers[.requestID].map { UUID(uuidString: $0) != nil } == true)
    }

    @Test func metricsUseRouteTemplatesNeverConcretePaths() async throws {
        let metrics = try await withClient { [staff] client in
            _ = try await client.execute("/api/v1/notes/0192f5a4-0000-7000-8000-00000000abcd", as: staff)
            _ = try await client.execute("/api/v1/notes/0192f5a4-0000-7000-8000-00000000abce", as: staff)
            _ = try await client.execute("/api/v1/unknown/0192f5a4-0000-7000-8000-00000000abcd", as: staff)
            _ = try await client.execute(uri: "/health", method: HTTPRequest.Method("INVENTED")!)
            return String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        }
        #expect(metrics.contains(#"http_requests_total{method="GET",route="/api/v1/notes/{id}",status="200"} 2"#))
        // Invented methods share one label, so they cannot add series without end.
        #expect(metrics.contains(#"method="other""#))
        #expect(!metrics.contains("INVENTED"))
        #expect(metrics.contains(#"route="unmatched",status="404""#))
        #expect(metrics.contains("http_request_duration_seconds_bucket"))
        #expect(!metrics.contains("abcd"))
    }
}
