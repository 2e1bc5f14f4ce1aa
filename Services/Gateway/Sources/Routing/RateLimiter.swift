import Foundation
import ServiceKit
import Synchronization

/// Token buckets in memory, one per caller: each holds up to a minute's allowance and refills evenly.
///
/// Memory is bounded: buckets idle long enough to be full again are dropped (a new one starts full, so
/// nothing changes for the caller), and at `maxBuckets` the least recently used one goes.
final class RateLimiter: Sendable {
    /// A caller's allowance.
    struct Limit: Sendable {
        /// Requests per minute, which is also the burst a full bucket allows.
        let perMinute: Int
        var refillPerSecond: Double { Double(perMinute) / 60 }
        /// How long an empty bucket takes to be full again.
        var refillTime: Duration { .seconds(60) }
    }

    private struct Bucket {
        var tokens: Double
        var updatedAt: ContinuousClock.Instant
        var refillTime: Duration
    }

    private struct State {
        var buckets: [String: Bucket] = [:]
        var lastSweep: ContinuousClock.Instant
    }

    let maxBuckets: Int
    private let state: Mutex<State>

    init(maxBuckets: Int, now: ContinuousClock.Instant = .now) {
        self.maxBuckets = maxBuckets
        state = Mutex(State(lastSweep: now))
    }

    /// Takes one token from `key`'s bucket; returns `nil` when allowed, or how long until a token is back.
    func take(_ key: String, limit: Limit, now: ContinuousClock.Instant = .now) -> Duration? {
        take(key, limit: limit, now: now, isTaking: true)
    }

    /// How long until `key`'s bucket has a token again, or `nil` when it has one now; takes nothing.
    func wait(for key: String, limit: Limit, now: ContinuousClock.Instant = .now) -> Duration? {
        take(key, limit: limit, now: now, isTaking: false)
    }

    /// Returns a token taken from `key`'s bucket for a request that turned out not to cost one.
    func giveBack(_ key: String, limit: Limit) {
        state.withLock { state in
            guard var bucket = state.buckets[key] else { return }
            bucket.tokens = min(Double(limit.perMinute), bucket.tokens + 1)
            state.buckets[key] = bucket
        }
    }

    private func take(_ key: String, limit: Limit, now: ContinuousClock.Instant, isTaking: Bool) -> Duration? {
        state.withLock { state in
            if now - state.lastSweep >= .seconds(60) || state.buckets.count >= maxBuckets {
                Self.sweep(&state, now: now, maxBuckets: maxBuckets)
            }
            let capacity = Double(limit.perMinute)
            var bucket = state.buckets[key] ?? Bucket(tokens: capacity, updatedAt: now, refillTime: limit.refillTime)
            let elapsed = Self.seconds(now - bucket.updatedAt)
            bucket.tokens = min(capacity, bucket.tokens + max(0, elapsed) * limit.refillPerSecond)
            bucket.updatedAt = now
            defer { state.buckets[key] = bucket }
            guard bucket.tokens >= 1 else {
                return .seconds((1 - bucket.tokens) / limit.refillPerSecond)
            }
            if isTaking { bucket.tokens -= 1 }
            return nil
        }
    }

    /// How many callers have a bucket, for tests of the memory bound.
    var bucketCount: Int { state.withLock { $0.buckets.count } }

    private static func sweep(_ state: inout State, now: ContinuousClock.Instant, maxBuckets: Int) {
        state.lastSweep = now
        state.buckets = state.buckets.filter { now - $0.value.updatedAt < $0.value.refillTime }
        while state.buckets.count >= maxBuckets,
            let oldest = state.buckets.min(by: { $0.value.updatedAt < $1.value.updatedAt })?.key
        {
            state.buckets[oldest] = nil
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Names rate-limit buckets: per API key, per user, or per anonymous client by its client key (a
/// keyed hash, never the address).
enum RateLimitKeys {
    /// The bucket of a caller and the allowance that applies to it.
    static func key(for identity: Identity?, clientKey: String?, settings: RoutingSettings) -> (key: String, limit: RateLimiter.Limit) {
        if case .principal(let principal)? = identity {
            if principal.isAPIKey {
                return ("key:" + principal.subject, .init(perMinute: settings.apiKeyPerMinute))
            }
            return ("user:" + principal.subject, .init(perMinute: settings.userPerMinute))
        }
        return ("anonymous:" + (clientKey ?? "unknown"), .init(perMinute: settings.anonymousPerMinute))
    }

    /// The bucket that a client's failed authentications take from, with the anonymous allowance: its
    /// own, so that the public behind the same address spends nothing of it.
    static func failedAuthenticationKey(clientKey: String?, settings: RoutingSettings) -> (key: String, limit: RateLimiter.Limit) {
        ("failed-authentication:" + (clientKey ?? "unknown"), .init(perMinute: settings.anonymousPerMinute))
    }
}
