import AsyncHTTPClient
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import NIOHTTP1
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

@Suite struct ProxyLimitsTests {
    static let coordinator = "staff-1:coordinator"
    /// Lets bodies past the kit's own limit, so the route policy's limit is what refuses them.
    /// A loaded machine can take longer than the default upstream timeout for a megabyte through two debug servers.
    static let largeKitLimit = ["http.max.body.bytes": String(8 << 20), "gateway.upstream.timeout.milliseconds": "120000"]

    @Test func aDeclaredBodyOverTheRouteLimitIsRefusedBeforeTheServiceSeesAByte() async throws {
        try await TestGateway.withGateway(overrides: Self.largeKitLimit) { client, recorder in
            let response = try await client.sendPatiently(
                "/api/v1/appeals/0192/responses", method: .post, as: Self.coordinator,
                body: ByteBuffer(repeating: 0x61, count: (1 << 20) + 1)
            )
            #expect(response.status == .contentTooLarge)
            #expect(response.problemCode == "body_too_large")
            #expect(recorder.count == 0)

            let atTheLimit = try await client.sendPatiently(
                "/api/v1/appeals/0192/responses", method: .post, as: Self.coordinator, body: ByteBuffer(repeating: 0x61, count: 1 << 20)
            )
            #expect(atTheLimit.status == .ok)
            #expect(recorder.last?.bodyBytes == 1 << 20)
        }
    }

    @Test(arguments: ["/api/v1/appeals", "/open311/v2/requests.json"])
    func aPublicSubmissionOverItsSmallLimitIsRefusedAtTheEdge(path: String) async throws {
        // Open311 intake needs a partner's key at the edge; the appeals form is open to anyone.
        let caller = path.hasPrefix("/open311/") ? Self.coordinator : nil
        try await TestGateway.withGateway(overrides: Self.largeKitLimit) { client, recorder in
            // The 968 KB anonymous appeal the probe got accepted.
            let large = try await client.sendPatiently(path, method: .post, as: caller, body: ByteBuffer(repeating: 0x61, count: 968_000))
            #expect(large.status == .contentTooLarge)
            #expect(large.problemCode == "body_too_large")
            let overByOne = try await client.send(path, method: .post, as: caller, body: ByteBuffer(repeating: 0x61, count: (64 << 10) + 1))
            #expect(overByOne.status == .contentTooLarge)
            #expect(recorder.count == 0)

            let atTheLimit = try await client.send(path, method: .post, as: caller, body: ByteBuffer(repeating: 0x61, count: 64 << 10))
            #expect(atTheLimit.status == .ok)
            #expect(recorder.last?.bodyBytes == 64 << 10)
        }
    }

    @Test func aBodyOfUnknownLengthIsStreamedAndCutOffAtTheLimit() async throws {
        try await TestGateway.withGateway(overrides: Self.largeKitLimit) { client, recorder in
            let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            do {
                let chunk = ByteBuffer(repeating: 0x62, count: 64 << 10)
                func post(chunks: Int) async throws -> HTTPClientResponse {
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(client.port!)/api/v1/appeals/0192/responses")
                    request.method = .POST
                    request.headers.add(name: TestAuthenticationMiddleware.header.rawName, value: Self.coordinator)
                    let body = AsyncStream<ByteBuffer> { continuation in
                        for _ in 0..<chunks { continuation.yield(chunk) }
                        continuation.finish()
                    }
                    request.body = .stream(body, length: .unknown)
                    return try await http.execute(request, timeout: .seconds(30))
                }
                let small = try await post(chunks: 2)
                #expect(small.status == .ok)
                #expect(recorder.last?.bodyBytes == 2 * (64 << 10))

                let hitsBefore = recorder.count
                // The gateway answers 413 and closes while the client may still be sending the rest: the client then
                // sometimes reads a reset before the answer (the gateway does not linger to drain the body).
                do {
                    let large = try await post(chunks: 40)
                    #expect(large.status.code == 413)
                } catch let error as IOError where error.errnoCode == ECONNRESET || error.errnoCode == EPIPE {
                    // Cut off all the same: what matters is that the service never saw it whole, below.
                }
                #expect(recorder.count == hitsBefore, "a cut-off body must not reach the service as a complete request")
                try await http.shutdown()
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }

    @Test func aCallerOverTheirAllowanceGets429WithRetryAfterAndOthersAreUnaffected() async throws {
        let overrides = ["gateway.rate.limit.user.per.minute": "2", "gateway.rate.limit.anonymous.per.minute": "1"]
        try await TestGateway.withGateway(overrides: overrides) { client, recorder in
            #expect(try await client.send("/api/v1/events/a", as: "user-a:journalist").status == .ok)
            #expect(try await client.send("/api/v1/events/a", as: "user-a:journalist").status == .ok)
            let limited = try await client.send("/api/v1/events/a", as: "user-a:journalist")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.problemCode == "rate_limited")
            #expect((limited.headers[.retryAfter].flatMap { Int($0) } ?? 0) >= 1)

            #expect(try await client.send("/api/v1/events/a", as: "user-b:journalist").status == .ok)
            #expect(try await client.send("/api/v1/appeals/track/x").status == .ok)
            #expect(try await client.send("/api/v1/appeals/track/x").status == .tooManyRequests)
            #expect(recorder.count == 4)
        }
    }

    @Test func aBucketRefillsWithTime() {
        let start = ContinuousClock.now
        let limiter = RateLimiter(maxBuckets: 100, now: start)
        let limit = RateLimiter.Limit(perMinute: 2)
        #expect(limiter.take("user:a", limit: limit, now: start) == nil)
        #expect(limiter.take("user:a", limit: limit, now: start) == nil)
        let wait = limiter.take("user:a", limit: limit, now: start)
        #expect(wait != nil)
        #expect(limiter.take("user:a", limit: limit, now: start + .seconds(29)) != nil)
        #expect(limiter.take("user:a", limit: limit, now: start + .seconds(60)) == nil)
    }

    @Test func idleBucketsAreDroppedAndTheirNumberIsBounded() {
        let start = ContinuousClock.now
        let limiter = RateLimiter(maxBuckets: 100, now: start)
        let limit = RateLimiter.Limit(perMinute: 10)
        for index in 0..<250 {
            _ = limiter.take("user:\(index)", limit: limit, now: start)
        }
        #expect(limiter.bucketCount <= 100)
        _ = limiter.take("user:late", limit: limit, now: start + .seconds(61))
        #expect(limiter.bucketCount == 1)
    }

    @Test func callersAreKeyedByAPIKeyUserOrClientKey() {
        let settings = try! RoutingSettings(reader: SettingsReader(reader: ConfigReader(provider: InMemoryProvider(name: "empty", values: [:]))))
        let anonymous = RateLimitKeys.key(for: .anonymous, clientKey: "k1", settings: settings)
        #expect(anonymous.key == "anonymous:k1")
        #expect(anonymous.limit.perMinute == settings.anonymousPerMinute)
        let apiKey = RateLimitKeys.key(for: .principal(.init(subject: "apikey:7", roles: [.csoPartner])), clientKey: "k1", settings: settings)
        #expect(apiKey.key == "key:apikey:7")
        #expect(apiKey.limit.perMinute == settings.apiKeyPerMinute)
    }
}
