import Foundation
import Synchronization

/// Counts failures per key in a sliding window and says when a key must back off: guessing (passwords,
/// tracking codes) stays slow without slowing anyone else.
///
/// Keys should be pseudonymous (a salted hash, a client key), never an email or an address in the
/// clear. State is in memory, per replica; the number of keys is bounded.
public final class FailureThrottle: Sendable {
    /// Failures allowed per key within `window`.
    public let limit: Int
    /// The window, in seconds.
    public let window: TimeInterval
    private let maxKeys: Int
    private let failures = Mutex([String: [Date]]())

    /// A throttle allowing `limit` failures per key within `window` seconds, tracking at most `maxKeys` keys.
    public init(limit: Int, window: TimeInterval, maxKeys: Int = 100_000) {
        self.limit = limit
        self.window = window
        self.maxKeys = maxKeys
    }

    /// Seconds until `key` may try again, or `nil` when it may try now.
    public func retryAfter(_ key: String, now: Date = Date()) -> Int? {
        failures.withLock { failures in
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
        }
    }

    /// Records a failure for `key`.
    public func recordFailure(_ key: String, now: Date = Date()) {
        failures.withLock { failures in
            failures[key, default: []].append(now)
            // Bound memory under a spray of keys: forget windows that have fully passed, and if that is not
            // enough, any keys down to 90 %, so that the next sweep is many insertions away.
            if failures.count > maxKeys {
                failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
                let latest = failures.removeValue(forKey: key)
                while failures.count >= maxKeys * 9 / 10 {
                    failures.remove(at: failures.startIndex)
                }
                failures[key] = latest
            }
        }
    }

    /// Forgets `key`'s failures (after a success that proves it is not guessing).
    public func reset(_ key: String) {
        failures.withLock { _ = $0.removeValue(forKey: key) }
    }
}
