import Foundation
import HTTPTypes
import HummingbirdTesting
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

/// Sign-in throttling slows guessing per account and client, and never lets an attacker lock the owner out.
@Suite struct SignInThrottleTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func anAttackersFailuresFromOneClientDoNotStopTheOwnerOnAnother() {
        let throttle = SignInThrottle()
        for second in 0..<50 {
            throttle.recordFailure(email: "owner@example.org", client: "attacker", now: start + Double(second) * 1000)
        }
        let now = start + 49_000
        #expect(throttle.retryAfter(email: "owner@example.org", client: "attacker", now: now) != nil)
        #expect(throttle.retryAfter(email: "Owner@Example.org", client: "owner's laptop", now: now) == nil)
    }

    @Test func oneClientIsSlowedExponentiallyAfterItsFreeFailures() {
        let throttle = SignInThrottle()
        var now = start
        for _ in 0..<SignInThrottle.freeFailures {
            throttle.recordFailure(email: "a@example.org", client: "A", now: now)
            #expect(throttle.retryAfter(email: "a@example.org", client: "A", now: now) == nil)
        }
        var waits: [Int] = []
        for _ in 0..<5 {
            throttle.recordFailure(email: "a@example.org", client: "A", now: now)
            let wait = try! #require(throttle.retryAfter(email: "a@example.org", client: "A", now: now))
            waits.append(wait)
            // Waiting the time out lets the client try again.
            now += Double(wait)
            #expect(throttle.retryAfter(email: "a@example.org", client: "A", now: now) == nil)
        }
        #expect(waits == [1, 2, 4, 8, 16])
    }

    @Test func theWaitIsCappedAndTheRightPasswordClearsIt() {
        let backOff = SignInThrottle(freeFailures: 0).perPair
        #expect(backOff.delay(afterFailures: 100) == SignInThrottle.maxDelay)
        #expect(backOff.delay(afterFailures: 0) == nil)
        let throttle = SignInThrottle()
        for _ in 0..<10 { throttle.recordFailure(email: "a@example.org", client: "A", now: start) }
        throttle.recordSuccess(email: "a@example.org", client: "A")
        #expect(throttle.retryAfter(email: "a@example.org", client: "A", now: start) == nil)
    }

    @Test func theGlobalCeilingSlowsManyClientsGuessingOneAccountButNotAFreshOne() {
        let throttle = SignInThrottle(freeFailures: 3, ceiling: 10)
        // Nine clients fail once each: within their free failures, nobody is slowed.
        for client in 0..<9 { throttle.recordFailure(email: "a@example.org", client: "bot \(client)", now: start) }
        #expect(throttle.retryAfter(email: "a@example.org", client: "bot 0", now: start) == nil)
        // The tenth reaches the ceiling: every client that has failed on the account now backs off from its first failure.
        throttle.recordFailure(email: "a@example.org", client: "bot 9", now: start)
        for client in 0..<10 {
            #expect(throttle.retryAfter(email: "a@example.org", client: "bot \(client)", now: start) == 1)
        }
        // It only slows: a client that has not been guessing still may try, and other accounts are untouched.
        #expect(throttle.retryAfter(email: "a@example.org", client: "owner", now: start) == nil)
        #expect(throttle.retryAfter(email: "b@example.org", client: "bot 0", now: start) == nil)
    }

    @Test func aClientSprayingManyAccountsIsRefused() {
        let throttle = SignInThrottle(failuresPerClient: 3)
        for account in 0..<3 { throttle.recordFailure(email: "user\(account)@example.org", client: "sprayer", now: start) }
        #expect(throttle.retryAfter(email: "another@example.org", client: "sprayer", now: start) != nil)
        #expect(throttle.retryAfter(email: "another@example.org", client: "someone else", now: start) == nil)
    }

    @Test func theOwnerSignsInFromTheirOwnAddressWhileAnAttackerIsThrottled() async throws {
        try await GatewayHarness.with(overrides: ["gateway.trusted.proxies": "127.0.0.1,::1"], setup: .live) { gateway in
            let attacker: HTTPFields = [ClientKeyMiddleware.forwardedFor: "203.0.113.66"]
            let owner: HTTPFields = [ClientKeyMiddleware.forwardedFor: "198.51.100.7"]
            // Each failure past the free ones doubles the wait, so the attacker is soon refused, however slow the machine.
            var refused: TestResponse?
            for _ in 0..<40 where refused == nil {
                let response = try await gateway.login(TestConfiguration.adminEmail, "not the password at all", headers: attacker)
                if response.status == .tooManyRequests { refused = response }
            }
            #expect(refused?.problemCode == "too_many_attempts")
            #expect(try await gateway.login(TestConfiguration.adminEmail, TestConfiguration.adminPassword, headers: owner).status == .ok)
        }
    }
}
