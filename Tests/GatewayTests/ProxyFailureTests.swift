import HTTPTypes
import HummingbirdTesting
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

    @Test func theBreakerOpensAfterConsecutiveFailuresSparesOtherServicesAndClosesAfterAProbe() async throws {
        let overrides = ["gateway.breaker.failures": "2", "gateway.breaker.pause.milliseconds": "2000"]
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
        let breaker = CircuitBreaker(failureThreshold: 2, pause: .seconds(10))
        breaker.recordFailure(.normal, now: start)
        #expect(breaker.admit(now: start) == .normal)
        breaker.recordFailure(.normal, now: start)
        #expect(breaker.admit(now: start + .seconds(9)) == nil)
        #expect(breaker.admit(now: start + .seconds(10)) == .probe)
        #expect(breaker.admit(now: start + .seconds(10)) == nil, "only one probe at a time")
        breaker.recordFailure(.probe, now: start + .seconds(11))
        #expect(breaker.admit(now: start + .seconds(20)) == nil, "a failed probe re-opens the circuit")
        #expect(breaker.admit(now: start + .seconds(21)) == .probe)
        breaker.recordSuccess()
        #expect(breaker.admit(now: start + .seconds(21)) == .normal)
    }
}
