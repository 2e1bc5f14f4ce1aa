import Foundation
import Synchronization

/// Slows guessing per key with exponential back-off: a free allowance of failures, then a wait after each
/// further failure that doubles up to a cap. Unlike a lock-out, it never refuses a key for long, so people
/// who share a key with a guesser (everyone behind one carrier NAT shares a client key) wait at most
/// ``maxDelay`` and are never refused while the key is not backing off; a correct answer is never refused
/// merely because of failures that have been forgiven.
///
/// A key's count is forgotten after ``forgetAfter`` without a failure. Success does not reset it: a guesser
/// who knows one right answer must not be able to clear their own count with it.
///
/// Keys should be pseudonymous (a client key), never an address in the clear. State is in memory, per
/// replica; the number of keys is bounded.
public final class FailureBackoff: Sendable {
    /// Failures a key may make before it must wait.
    public let freeFailures: Int
    /// The wait after the first failure beyond the allowance; each further failure doubles it.
    public let initialDelay: TimeInterval
    /// The longest wait.
    public let maxDelay: TimeInterval
    /// How long a key must go without failing for its count to start again from zero.
    public let forgetAfter: TimeInterval
    private let maxKeys: Int
    private let states = Mutex([String: State]())

    private struct State {
        var failures: Int
        var lastFailure: Date
    }

    /// A back-off with `freeFailures` free, then `initialDelay` doubling to `maxDelay`, forgotten after
    /// `forgetAfter` seconds without failure; at most `maxKeys` keys are tracked.
    public init(freeFailures: Int, initialDelay: TimeInterval, maxDelay: TimeInterval, forgetAfter: TimeInterval, maxKeys: Int = 100_000) {
        self.freeFailures = freeFailures
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.forgetAfter = forgetAfter
        self.maxKeys = maxKeys
    }

    /// The wait owed after `failures` failures, or `nil` when none is owed.
    public func delay(afterFailures failures: Int, ignoringFreeFailures: Bool = false) -> TimeInterval? {
        let beyond = failures - (ignoringFreeFailures ? 0 : freeFailures)
        guard beyond > 0 else { return nil }
        // 2^(beyond-1), computed without overflow for any count.
        return min(maxDelay, initialDelay * pow(2, Double(min(beyond - 1, 62))))
    }

    /// Seconds until `key` may try again, or `nil` when it may try now. `ignoringFreeFailures` makes every
    /// recorded failure count (what is guessed is under attack from many keys at once).
    public func retryAfter(_ key: String, ignoringFreeFailures: Bool = false, now: Date = Date()) -> Int? {
        states.withLock { states in
            guard let state = states[key] else { return nil }
            if now.timeIntervalSince(state.lastFailure) >= forgetAfter {
                states[key] = nil
                return nil
            }
            guard let delay = delay(afterFailures: state.failures, ignoringFreeFailures: ignoringFreeFailures) else { return nil }
            let wait = delay - now.timeIntervalSince(state.lastFailure)
            return wait > 0 ? max(1, Int(wait.rounded(.up))) : nil
        }
    }

    /// Records a failure for `key`, starting or lengthening its wait once the allowance is spent.
    public func recordFailure(_ key: String, now: Date = Date()) {
        states.withLock { states in
            var state =
                states[key].flatMap { now.timeIntervalSince($0.lastFailure) < forgetAfter ? $0 : nil }
                ?? State(failures: 0, lastFailure: now)
            state.failures += 1
            state.lastFailure = now
            states[key] = state
            // Bound memory under a spray of keys: forget keys that are already forgiven, and if that is not
            // enough, any keys down to 90 %, so that the next sweep is many insertions away.
            if states.count > maxKeys {
                states = states.filter { now.timeIntervalSince($0.value.lastFailure) < forgetAfter }
                states[key] = nil
                while states.count >= maxKeys * 9 / 10 {
                    states.remove(at: states.startIndex)
                }
                states[key] = state
            }
        }
    }

    /// Forgets `key`'s failures, where a success proves the key was not guessing (a password, unlike a
    /// tracking code, is known only to its owner).
    public func reset(_ key: String) {
        states.withLock { _ = $0.removeValue(forKey: key) }
    }
}
