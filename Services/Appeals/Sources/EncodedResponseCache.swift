import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Synchronization

/// Public JSON responses kept encoded for a moment: during a broadcast the same list (the first page of
/// published appeals, the categories a form offers) is asked for thousands of times a minute, and encoding
/// it is most of the work.
///
/// The owner empties it on every change it makes (a withdrawn publication must not linger); a change made
/// by another replica shows after at most `lifetime`. A value read while a change commits is not kept, so
/// an emptied cache never refills with what was just changed.
final class EncodedResponseCache: Sendable {
    let lifetime: TimeInterval
    let maxEntries: Int

    private struct State {
        var generation = 0
        var bodies: [String: (body: ByteBuffer, storedAt: Date)] = [:]
    }

    private let state = Mutex(State())

    init(lifetime: TimeInterval, maxEntries: Int = 64) {
        self.lifetime = lifetime
        self.maxEntries = maxEntries
    }

    /// The response for `key`: from memory, or `produce()`'s value, encoded and kept.
    func response(for key: String, now: Date = Date(), produce: () async throws -> some Encodable) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let (cached, generation) = state.withLock { state in
            (state.bodies[key].flatMap { now.timeIntervalSince($0.storedAt) < lifetime ? $0.body : nil }, state.generation)
        }
        if let cached { return Response(status: .ok, headers: headers, body: .init(byteBuffer: cached)) }
        let body = ByteBuffer(bytes: try JSONEncoder.api.encode(try await produce()))
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.bodies.count >= maxEntries { state.bodies.removeAll() }
            state.bodies[key] = (body, now)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// Empties the cache; call after a change commits.
    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.bodies.removeAll()
        }
    }
}
