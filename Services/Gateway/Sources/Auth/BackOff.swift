import Foundation
import Synchronization

/// Exponential back-off per key: after `freeFailures` failures, each further attempt must wait
/// ``baseDelay`` × 2ⁿ (n = failures beyond the free ones, less one) after the last failure, at most
/// ``maxDelay``. Waiting lets a key try again; only ``reset(_:)`` or ``forgetAfter`` without failures
/// gives its free failures back.
///
/// Keys should be pseudonymous (salted hashes, client keys). State is in memory and bounded in size.
final class BackOff: Sendable {
    /// The wait after the first failure beyond the free ones.
    static let baseDelay: TimeInterval = 1
    /// The longest wait between two attempts.
    static let maxDelay: TimeInterval = 15 * 60
    /// A key with no failure for this long starts afresh.
    static let forgetAfter: TimeInterval = 24 * 60 * 60

    let freeFailures: Int
    private let maxKeys: Int
    private let state = Mutex([String: (failures: Int, last: Date)]())

    /// A back-off that starts after `freeFailures` failures, tracking at most `maxKeys` keys.
    init(freeFailures: Int, maxKeys: Int = 100_000) {
        self.freeFailures = freeFailures
        self.maxKeys = maxKeys
    }

    /// The delay owed after `failures` failures, or `nil` when none is owed.
    func delay(afterFailures failures: Int, ignoringFreeFailures: Bool = false) -> TimeInterval? {
        let beyond = failures - (ignoringFreeFailures ? 0 : freeFailures)
        guard beyond > 0 else { return nil }
        // Past 2^20 the cap has long been reached; stop doubling before the exponent can overflow.
        return min(Self.maxDelay, Self.baseDelay * Double(1 << min(beyond - 1, 20)))
    }

    /// Seconds until `key` may try again, or `nil` when it may try now. `ignoringFreeFailures` makes
    /// every recorded failure count (the account is under attack from many clients).
    func retryAfter(_ key: String, ignoringFreeFailures: Bool = false, now: Date = Date()) -> Int? {
        state.withLock { state -> Int? in
            guard let entry = state[key] else { return nil }
            guard now.timeIntervalSince(entry.last) < Self.forgetAfter else {
                state[key] = nil
                return nil
            }
            guard let delay = delay(afterFailures: entry.failures, ignoringFreeFailures: ignoringFreeFailures) else { return nil }
            let remaining = delay - now.timeIntervalSince(entry.last)
            return remaining > 0 ? Int(remaining.rounded(.up)) : nil
        }
    }

    /// Records a failure for `key`.
    func recordFailure(_ key: String, now: Date = Date()) {
        state.withLock { state in
            let previous = state[key].flatMap { now.timeIntervalSince($0.last) < Self.forgetAfter ? $0.failures : nil } ?? 0
            state[key] = (previous + 1, now)
            // Bound memory under a spray of keys: forget stale keys, and if that is not enough, any keys
            // down to 90 %, so that the next sweep is many insertions away.
            if state.count > maxKeys {
                let latest = state.removeValue(forKey: key)
                state = state.filter { now.timeIntervalSince($0.value.last) < Self.forgetAfter }
                while state.count >= maxKeys * 9 / 10 { state.remove(at: state.startIndex) }
                state[key] = latest
            }
        }
    }

    /// Forgets `key`'s failures.
    func reset(_ key: String) {
        state.withLock { _ = $0.removeValue(forKey: key) }
    }
}
