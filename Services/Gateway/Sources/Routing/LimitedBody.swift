import NIOCore
import Synchronization

/// A request body that fails once more than `limit` bytes have passed, for bodies without a declared
/// length: they are streamed on, never collected, and cut off at the limit.
struct LimitedBody<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer

    /// Thrown by the iterator at the limit.
    struct LimitExceeded: Error {}

    /// Whether the limit was hit, read after the upstream call fails to tell a 413 from an upstream failure.
    final class Outcome: Sendable {
        private let exceeded = Mutex(false)
        var isExceeded: Bool { exceeded.withLock { $0 } }
        func markExceeded() { exceeded.withLock { $0 = true } }
    }

    let base: Base
    let limit: Int
    let outcome: Outcome

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let limit: Int
        let outcome: Outcome
        var count = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            count += buffer.readableBytes
            if count > limit {
                outcome.markExceeded()
                throw LimitExceeded()
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, outcome: outcome)
    }
}
