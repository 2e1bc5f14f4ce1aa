import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import Gateway

@Suite struct ProxyHeadersTests {
    static let origin = "https://app.open-media.example"

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await TestGateway.withGateway { client, _ in
            for (uri, identity) in [("/health", nil), ("/api/v1/events/x", "user-1:journalist"), ("/api/v1/events/x", nil), ("/nowhere", nil)] {
                let response = try await client.send(uri, as: identity)
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[.referrerPolicy] == "no-referrer", "\(uri)")
                #expect(response.headers[.contentSecurityPolicy] == nil, "\(uri) is not HTML")
            }
            let page = try await client.send("/api/v1/knowledge/page.html", as: "user-1:journalist")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }

    @Test func responsesToCredentialedRequestsAreNotStored() async throws {
        try await TestGateway.withGateway { client, _ in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer something"
            let withToken = try await client.send("/api/v1/grants/x", as: "user-1:journalist", headers: headers)
            #expect(withToken.headers[.cacheControl] == "no-store")
            let withKey = try await client.send("/api/v1/grants/x", headers: [.xAPIKey: "k"])
            #expect(withKey.status == .unauthorized)
            #expect(withKey.headers[.cacheControl] == "no-store")
            let plain = try await client.send("/api/v1/appeals/categories")
            #expect(plain.headers[.cacheControl] == nil)
        }
    }

    @Test func onlyConfiguredOriginsGetCORS() async throws {
        try await TestGateway.withGateway(overrides: ["gateway.cors.origins": "https://other.example, \(Self.origin)"]) { client, recorder in
            var preflight = HTTPFields()
            preflight[.origin] = Self.origin
            preflight[.accessControlRequestMethod] = "POST"
            let allowed = try await client.send("/api/v1/appeals", method: .options, headers: preflight)
            #expect(allowed.status == .noContent)
            #expect(allowed.headers[.accessControlAllowOrigin] == Self.origin)
            #expect(allowed.headers[.accessControlAllowMethods]?.contains("POST") == true)
            #expect(recorder.count == 0)

            preflight[.origin] = "https://evil.example"
            let refused = try await client.send("/api/v1/appeals", method: .options, headers: preflight)
            #expect(refused.headers[.accessControlAllowOrigin] == nil)

            let simple = try await client.send("/api/v1/appeals/categories", headers: [.origin: Self.origin])
            #expect(simple.headers[.accessControlAllowOrigin] == Self.origin)
            #expect(simple.headers[values: .vary].contains("Origin"))
            let denied = try await client.send("/api/v1/grants/x", headers: [.origin: Self.origin])
            #expect(denied.status == .unauthorized)
            #expect(denied.headers[.accessControlAllowOrigin] == Self.origin, "a browser must be able to read the error")

            let other = try await client.send("/api/v1/appeals/categories", headers: [.origin: "https://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func noOriginGetsCORSByDefault() async throws {
        try await TestGateway.withGateway { client, _ in
            let response = try await client.send("/api/v1/appeals/categories", headers: [.origin: Self.origin])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
