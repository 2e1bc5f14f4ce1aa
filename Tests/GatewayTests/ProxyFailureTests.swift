import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import Gateway

@Suite struct ProxyFailureTests {
    static let coordinator = "staff-1:coordinator"

    @Test func aServiceTooSlowToAnswerGives504() async throws {
        try await TestGateway.withGateway(overrides: ["gateway.upstream.timeout.milliseconds": "100"]) { client, recorder in
            let response = try await client.send("/api/v1/appeals/slow", as: Self.coordinator)
            #expect(response.status == .gatewayTimeout)
            #expect(response.problemCode == "upstream_timeout")
            #expect(recorder.count == 1)
        }
    }

    @Test func aStoppedServiceGives503() async throws {
        try await TestGateway.withGateway(upstreamURL: "http://127.0.0.1:1") { client, _ in
            let response = try await client.send("/api/v1/appeals/0192", as: Self.coordinator)
            #expect(response.status == .serviceUnavailable)
            #expect(response.problemCode == "upstream_unavailable")
        }
    }

    @Test func theBreakerOpensOnFailuresSparesOtherServicesAndClosesAfterAProbe() async throws {
        // A pause far longer than the steps below take on a loaded machine; the recovery loop waits up to 20 s.
        let overrides = ["gateway.breaker.minimum.calls": "2", "gateway.breaker.pause.milliseconds": "8000"]
        try await TestGateway.withGateway(overrides: overrides) { client, recorder in
            recorder.isFailing = true
            #expect(try await client.send("/api/v1/events/flaky", as: Self.coordinator).status == .serviceUnavailable)
            #expect(try await client.send("/api/v1/events/flaky", as: Self.coordinator).status == .serviceUnavailable)
            #expect(recorder.count == 2)

            let refused = try await client.send("/api/v1/events/flaky", as: Self.coordinator)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.problemCode == "upstream_unavailable")
            #expect(refused.headers[.retryAfter] != nil)
            #expect(recorder.count == 2, "an open circuit must answer without calling the service")
            #expect(try await client.send("/api/v1/media/outlets", as: Self.coordinator).status == .ok)

            recorder.isFailing = false
            var recovered = false
            for _ in 0..<400 where !recovered {
                try await Task.sleep(for: .milliseconds(50))
                recovered = try await client.send("/api/v1/events/flaky", as: Self.coordinator).status == .ok
            }
            #expect(recovered)
            #expect(try await client.send("/api/v1/events/flaky", as: Self.coordinator).status == .ok)
        }
    }

    @Test func anOpenCircuitLetsOneProbeThroughAfterThePause() {
        let start = ContinuousClock.now
        let breaker = CircuitBreaker(minimumCalls: 2, pause: .seconds(10), now: start)
        breaker.recordFailure(.normal, now: start)
        #expect(breaker.admit(now: start) == .normal, "one call is below the minimum volume")
        breaker.recordFailure(.normal, now: start)
        #expect(breaker.admit(now: start + .seconds(9)) == nil)
        #expect(breaker.admit(now: start + .seconds(10)) == .probe)
        #expect(breaker.admit(now: start + .seconds(10)) == nil, "only one probe at a time")
        breaker.recordFailure(.probe, now: start + .seconds(11))
        #expect(breaker.admit(now: start + .seconds(20)) == nil, "a failed probe re-opens the circuit")
        #expect(breaker.admit(now: start + .seconds(21)) == .probe)
        breaker.recordSuccess(.probe, now: start + .seconds(21))
        #expect(breaker.admit(now: start + .seconds(21)) == .normal)
    }

    @Test func theCircuitOpensOnAFailureRateOverAMinimumVolumeWithinTheWindow() {
        let start = ContinuousClock.now
        let breaker = CircuitBreaker(minimumCalls: 20, pause: .seconds(10), now: start)
        // Many failures among more successes: under half, closed.
        for _ in 0..<11 { breaker.recordSuccess(.normal, now: start) }
        for _ in 0..<10 { breaker.recordFailure(.normal, now: start) }
        #expect(breaker.admit(now: start) == .normal)
        // Those calls leave the window; 19 failures are then below the minimum volume.
        let later = start + CircuitBreaker.window + .seconds(1)
        for _ in 0..<19 { breaker.recordFailure(.normal, now: later) }
        #expect(breaker.admit(now: later) == .normal)
        breaker.recordFailure(.normal, now: later)
        #expect(breaker.admit(now: later) == nil, "20 of 20 failed")
    }

    @Test func clientsAbortingUploadsMidBodyNeverOpenTheCircuitAndAreNot500s() async throws {
        let overrides = ["gateway.breaker.minimum.calls": "2", "gateway.breaker.pause.milliseconds": "60000"]
        try await TestGateway.withGatewayInstance(overrides: overrides) { client, recorder, gateway in
            let port = client.port!
            let identity = "\(TestAuthenticationMiddleware.header.rawName): \(Self.coordinator)"
            // Uploads too large to be read whole: streamed, then dropped once the service has begun reading.
            for attempt in 1...5 {
                let upload = try await RawClient.connect(port: port)
                try await upload.send(RawClient.head("/api/v1/appeals/upload", contentLength: 1 << 20, headers: [identity]))
                try await upload.send(ByteBuffer(repeating: 0x61, count: 100 << 10))
                // Until the service has begun reading, or the gateway answered without it (an open circuit).
                for _ in 0..<250 where recorder.uploadsStarted < attempt && upload.receivedText.isEmpty {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(recorder.uploadsStarted == attempt, "upload \(attempt) reached the service")
                await upload.close()
            }
            // A small body, read whole at the gateway, dropped half-way.
            let small = try await RawClient.connect(port: port)
            try await small.send(RawClient.head("/api/v1/appeals/0192/responses", contentLength: 1000, headers: [identity]) + "{\"a\":")
            await small.close()

            // Wait until the gateway has finished all six, then the service must still be reachable.
            var statuses: [String: Int] = [:]
            for _ in 0..<250 {
                statuses = Self.postStatuses(try await gateway.metricsText())
                if statuses.values.reduce(0, +) >= 6 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(statuses == ["499": 6], "a client's disconnect is a 499 in the metrics, never a 500 or 503")
            let normal = try await client.send("/api/v1/appeals/0192", as: Self.coordinator)
            #expect(normal.status == .ok)
        }
    }

    /// Counts of the gateway's `POST` requests by status, from its metrics.
    static func postStatuses(_ metrics: String) -> [String: Int] {
        var statuses: [String: Int] = [:]
        for line in metrics.split(separator: "\n") where line.hasPrefix("http_requests_total{") && line.contains(#"method="POST""#) {
            guard let label = line.range(of: #"status=""#), let value = line.split(separator: " ").last, let count = Double(String(value)) else { continue }
            let status = line[label.upperBound...].prefix(3)
            statuses[String(status), default: 0] += Int(count)
        }
        return statuses
    }
}
