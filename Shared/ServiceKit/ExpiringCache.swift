import Foundation
import Synchronization

/// A small in-memory cache whose entries expire at a time given per entry, bounded in size: when full it
/// starts over, which only costs the work the cache saves.
public final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let maxEntries: Int
    private let entries = Mutex([Key: (value: Value, expiresAt: Date)]())

    /// A cache of at most `maxEntries` entries.
    public init(maxEntries: Int = 10_000) {
        self.maxEntries = maxEntries
    }

    /// The value stored for `key`, unless it has expired.
    public func value(for key: Key, now: Date = Date()) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.expiresAt > now else { return nil }
            return entry.value
        }
    }

    /// Keeps `value` for `key` until `expiresAt`.
    public func store(_ value: Value, for key: Key, until expiresAt: Date) {
        entries.withLock { entries in
            if entries.count >= maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, expiresAt)
        }
    }

    /// Forgets `key` (its value changed).
    public func removeValue(for key: Key) {
        entries.withLock { _ = $0.removeValue(forKey: key) }
    }
}
