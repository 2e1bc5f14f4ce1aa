import Foundation
import ServiceKit
import Testing

@Suite struct FailureThrottleTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func aKeyWaitsOnceItReachesTheLimitUntilItsOldestFailureLeavesTheWindow() {
        let throttle = FailureThrottle(limit: 2, window: 60)
        throttle.recordFailure("a", now: start)
        #expect(throttle.retryAfter("a", now: start) == nil)
        throttle.recordFailure("a", now: start + 10)
        #expect(throttle.retryAfter("a", now: start + 10) == 50)
        #expect(throttle.retryAfter("b", now: start + 10) == nil, "other keys are not slowed")
        #expect(throttle.retryAfter("a", now: start + 60) == nil)
        throttle.recordFailure("a", now: start + 61)
        throttle.reset("a")
        #expect(throttle.retryAfter("a", now: start + 61) == nil)
    }

    @Test func theNumberOfKeysIsBounded() {
        let throttle = FailureThrottle(limit: 1, window: 60, maxKeys: 100)
        for index in 0..<1000 { throttle.recordFailure("key-\(index)", now: start) }
        let remembered = (0..<1000).filter { throttle.retryAfter("key-\($0)", now: start) != nil }.count
        #expect(remembered <= 100)
        #expect(throttle.retryAfter("key-999", now: start) != nil, "the newest key is kept")
    }
}
