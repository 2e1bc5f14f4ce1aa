import Foundation
import Models
import NIOCore
import Synchronization

/// Rendered calendar feeds, kept per filter until an event changes, so that a calendar client polling the
/// feed costs one small query rather than a thousand rows rendered. What a feed was rendered from is named
/// by a ``Stamp`` read from the database on every request, so a change made through another replica on the
/// same database shows in the next feed just as one made here does. Bounded in entries and bytes; the
/// least recently served feed goes first.
final class CalendarFeedCache: Sendable {
    /// The most feeds kept: the filters a client chooses (a council is any UUID) must not grow memory.
    static let maxEntries = 64
    /// The most bytes of feeds kept (a feed of 1,000 events is about 600 KB).
    static let maxBytes = 24 * 1_024 * 1_024

    /// What the feeds were rendered from: the events' count and the sum of their versions. Every change to
    /// an event raises its version and none is ever deleted, so any change moves the stamp.
    struct Stamp: Hashable, Sendable {
        var events: Int64
        var versions: Int64
    }

    /// Which feed: its filters and the first day it reaches back to (the window moves once a day).
    struct Key: Hashable, Sendable {
        var filter: CalendarController.Filter
        var sinceDay: Int64
    }

    /// One rendered feed and the validator sent with it.
    struct Feed: Sendable {
        var body: ByteBuffer
        var eTag: String
    }

    private struct Entry {
        var stamp: Stamp
        var feed: Feed
        var lastServed: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var served: UInt64 = 0
    }

    private let state = Mutex(State())

    init() {}

    /// The feed of `key` if it was rendered at `stamp`.
    func feed(_ key: Key, at stamp: Stamp) -> Feed? {
        state.withLock { state in
            guard var entry = state.entries[key], entry.stamp == stamp else { return nil }
            state.served += 1
            entry.lastServed = state.served
            state.entries[key] = entry
            return entry.feed
        }
    }

    /// Keeps `feed` of `key`, rendered at `stamp`, dropping the least recently served feeds over the bounds.
    func keep(_ feed: Feed, of key: Key, at stamp: Stamp) {
        let size = feed.body.readableBytes
        guard size <= Self.maxBytes else { return }
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.feed.body.readableBytes }
            while !state.entries.isEmpty, state.entries.count >= Self.maxEntries || state.bytes + size > Self.maxBytes {
                let oldest = state.entries.min { $0.value.lastServed < $1.value.lastServed }!
                state.entries.removeValue(forKey: oldest.key)
                state.bytes -= oldest.value.feed.body.readableBytes
            }
            state.served += 1
            state.entries[key] = Entry(stamp: stamp, feed: feed, lastServed: state.served)
            state.bytes += size
        }
    }

    /// How many feeds are kept and their bytes (for tests of the bounds).
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }

    /// The entity tag of the feed of `key` at `stamp`: the same on every replica, different after any change.
    /// A hash, so the tag does not tell how many events (drafts and internal ones included) there are.
    static func eTag(_ key: Key, at stamp: Stamp) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let filter = key.filter
        let text =
            "\(formatVersion)|\(stamp.events)|\(stamp.versions)|\(key.sinceDay)|\(filter.region?.code ?? "")|\(filter.type?.rawValue ?? "")|"
            + "\(filter.council?.uuidString ?? "")|\(filter.language?.rawValue ?? "")"
        // FNV-1a: stable across processes and builds, unlike Swift's seeded `Hasher`.
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "\"ics-" + String(hash, radix: 16) + "\""
    }

    /// Raised when the feed's rendering changes, so that clients holding an old tag get the new text.
    static let formatVersion = 1
}
