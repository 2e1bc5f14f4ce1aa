import Foundation
import ServiceKit
import Testing

@Suite struct FailureBackoffTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func backoff() -> FailureBackoff {
        FailureBackoff(freeFailures: 10, initialDelay: 1, maxDelay: 60, forgetAfter: 15 * 60)
    }

    @Test func failuresWithinTheAllowanceCostNothing() {
        let throttle = backoff()
        for second in 0..<10 { throttle.recordFailure("nat", now: start + Double(second)) }
        #expect(throttle.retryAfter("nat", now: start + 10) == nil)
    }

    @Test func eachFurtherFailureDoublesTheWaitUpToTheCap() {
        let throttle = backoff()
        for _ in 0..<10 { throttle.recordFailure("nat", now: start) }
        var now = start
        var waits: [Int] = []
        for _ in 0..<10 {
            throttle.recordFailure("nat", now: now)
            let wait = throttle.retryAfter("nat", now: now) ?? 0
            waits.append(wait)
            // Tries again as soon as allowed.
            now += Double(wait)
            #expect(throttle.retryAfter("nat", now: now) == nil)
        }
        #expect(waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60])
    }

    @Test func aSharedAddressIsNeverLockedOutForLongAndOtherKeysAreUntouched() {
        let throttle = backoff()
        // A guesser behind a carrier NAT fails a thousand times in a burst.
        for _ in 0..<1_000 { throttle.recordFailure("nat", now: start) }
        // Everyone behind that address waits at most the cap, then may try: a right code is answered.
        #expect(throttle.retryAfter("nat", now: start)! <= 60)
        #expect(throttle.retryAfter("nat", now: start + 60) == nil)
        // Another client was never slowed.
        #expect(throttle.retryAfter("elsewhere", now: start) == nil)
    }

    @Test func aQuietKeyIsForgiven() {
        let throttle = backoff()
        for _ in 0..<20 { throttle.recordFailure("nat", now: start) }
        let later = start + 15 * 60
        #expect(throttle.retryAfter("nat", now: later) == nil)
        // Its allowance is whole again.
        for _ in 0..<10 { throttle.recordFailure("nat", now: later) }
        #expect(throttle.retryAfter("nat", now: later) == nil)
    }
}
