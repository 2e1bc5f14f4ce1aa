import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

@Suite struct ProxyForwardingTests {
    static let coordinator = "staff-1:coordinator"

    @Test func aRequestReachesItsServiceWithPathAndQueryUnchanged() async throws {
        try await TestGateway.withGateway { client, recorder in
            let response = try await client.send("/api/v1/events/hearings/7?region=KG-N&limit=5", as: "user-7:journalist")
            #expect(response.status == .ok)
            let hit = try #require(recorder.last)
            #expect(hit.method == "GET")
            #expect(hit.uri == "/api/v1/events/hearings/7?region=KG-N&limit=5")
            #expect(hit.identity == .principal(Principal(subject: "user-7", roles: [.journalist])))
        }
    }

    @Test func credentialsHopByHopAndSpoofedHeadersAreStrippedAndTheGatewaysAssertionAdded() async throws {
        try await TestGateway.withGateway { client, recorder in
            var headers = HTTPFields()
            // Headers named in `Connection` are covered by ForwardedHeadersTests: the server consumes
            // `Connection` before a handler sees it.
            headers[HTTPField.Name("Keep-Alive")!] = "timeout=5"
            headers[HTTPField.Name("Proxy-Authorization")!] = "Basic abc"
            headers[HTTPField.Name("TE")!] = "trailers"
            headers[HTTPField.Name(IdentityAssertion.headerName)!] = "forged.assertion.value"
            headers[.authorization] = "Bearer token-of-the-caller"
            headers[HTTPField.Name("X-API-Key")!] = "key-of-the-caller"
            headers[.cookie] = "session=abc"
            headers[HTTPField.Name("X-Forwarded-For")!] = "203.0.113.9"
            headers[HTTPField.Name("Forwarded")!] = "for=203.0.113.9"
            headers[HTTPField.Name("X-Real-IP")!] = "203.0.113.9"
            headers[HTTPField.Name(RequestID.headerName)!] = "request-42"
            headers[HTTPField.Name("X-Partner-Trace")!] = "kept"

            let response = try await client.send("/api/v1/appeals/123", as: Self.coordinator, headers: headers)

            #expect(response.status == .ok)
            let hit = try #require(recorder.last)
            let names = Set(hit.headers.map { $0.name.canonicalName })
            for stripped in [
                "keep-alive", "proxy-authorization", "te", "authorization", "x-api-key", "cookie",
                "x-forwarded-for", "forwarded", "x-real-ip",
            ] {
                #expect(!names.contains(stripped), "\(stripped) reached the service")
            }
            #expect(hit.headers[values: HTTPField.Name(IdentityAssertion.headerName)!].count == 1)
            #expect(hit.identity == .principal(Principal(subject: "staff-1", roles: [.coordinator])))
            #expect(hit.headers[HTTPField.Name(RequestID.headerName)!] == "request-42")
            #expect(hit.headers[HTTPField.Name("X-Partner-Trace")!] == "kept")
            // And on the way back: the service's connection headers stay between it and the gateway.
            #expect(response.headers[HTTPField.Name("X-Upstream-Secret")!] == nil)
            #expect(response.headers[HTTPField.Name("Keep-Alive")!] == nil)
            #expect(response.headers[HTTPField.Name("X-Seen-Subject")!] == "staff-1")
        }
    }

    @Test func thePublicIsForwardedWithAnAnonymousAssertion() async throws {
        try await TestGateway.withGateway { client, recorder in
            let response = try await client.send("/api/v1/appeals", method: .post, body: ByteBuffer(string: #"{"text":"x"}"#))
            #expect(response.status == .ok)
            #expect(recorder.last?.identity == .anonymous)
            #expect(recorder.last?.bodyBytes == 12)
        }
    }

    @Test func aLargeBodyRoundTripsThroughTheGateway() async throws {
        try await TestGateway.withGateway { client, recorder in
            let bytes = (0..<900_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let response = try await client.sendPatiently("/api/v1/appeals/echo", method: .post, as: Self.coordinator, body: ByteBuffer(bytes: bytes))
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == bytes.count)
            #expect(Array(response.body.readableBytesView) == bytes)
            #expect(recorder.count == 1)
        }
    }

    @Test func theRealGatewayForwardsThePublicAndRefusesItElsewhere() async throws {
        try await TestGateway.withGateway(definition: GatewayService.definition) { client, recorder in
            let submitted = try await client.send("/api/v1/appeals", method: .post, body: ByteBuffer(string: "{}"))
            #expect(submitted.status == .ok)
            #expect(recorder.last?.identity == .anonymous)

            let refused = try await client.send("/api/v1/grants/calls")
            #expect(refused.status == .unauthorized)
            #expect(refused.problemCode == "authentication_required")
            #expect(recorder.count == 1)
        }
    }
}
