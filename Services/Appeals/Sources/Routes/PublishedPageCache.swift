import Foundation
import NIOCore
import Synchronization

/// Pages of the public list of published appeals, kept as encoded JSON for a moment: during a broadcast
/// the same first page is asked for thousands of times a minute, and encoding it is most of the work.
///
/// Any change to a case here empties it (a withdrawn publication must not linger); a change made by
/// another replica shows after at most ``lifetime``. A page read from the database while a change
/// commits is not kept, so an emptied cache never refills with what was just withdrawn.
final class PublishedPageCache: Sendable {
    static let lifetime: TimeInterval = 2
    static let maxPages = 64

    private struct State {
        var generation = 0
        var pages: [String: (body: ByteBuffer, storedAt: Date)] = [:]
    }

    private let state = Mutex(State())

    /// The current generation, to pass to ``store(_:for:generation:now:)`` after reading the database.
    var generation: Int { state.withLock { $0.generation } }

    func page(_ key: String, now: Date = Date()) -> ByteBuffer? {
        state.withLock { state in
            state.pages[key].flatMap { now.timeIntervalSince($0.storedAt) < Self.lifetime ? $0.body : nil }
        }
    }

    /// Keeps `body` for `key` unless the cache was emptied since `generation` was read.
    func store(_ body: ByteBuffer, for key: String, generation: Int, now: Date = Date()) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.pages.count >= Self.maxPages { state.pages.removeAll() }
            state.pages[key] = (body, now)
        }
    }

    /// Empties the cache; call after any change to a case commits.
    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.pages.removeAll()
        }
    }
}
