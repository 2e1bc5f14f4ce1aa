import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Carries a client's request body to the upstream call, one chunk per demand, from a task the proxy can
/// stop once the exchange is over.
///
/// Why not hand the client's body to the HTTP client directly: a service may answer before reading the
/// whole body (a 401, a 413). The HTTP client's upload task may then still be waiting in the body's
/// `next()` when the handler returns and Hummingbird reads on to the next request on the connection —
/// two readers of one channel stream, which traps. Here the only reader is `pump`, and ``stop()``
/// cancels it and waits for it before the handler returns; a body not read to its end then closes the
/// connection instead.
///
/// Reading is demand-driven: one chunk is read ahead of the upstream and no more, so a slow service slows
/// the client rather than filling memory. With `limit`, more than `limit` bytes fail the upload.
final class RequestBodyRelay: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// Why the client's body could not be passed on: the client's doing, never the service's. Thrown into
    /// the upload, and kept for the proxy to tell a client's failure from an outage.
    enum ClientFailure: Error, Equatable {
        /// The body went over the limit.
        case limitExceeded
        /// The client went away, or sent a body its framing did not allow, before the body's end.
        case aborted
    }

    private let demand: AsyncStream<Void>.Continuation
    private let chunks: AsyncThrowingStream<ByteBuffer, any Error>
    private let pump: Task<Void, Never>
    private let progress = NIOLockedValueBox(Progress())

    private struct Progress {
        var failure: ClientFailure?
        var isWaitingForClient = false
    }

    /// How the client spoiled its body, if it did.
    var clientFailure: ClientFailure? { progress.withLockedValue { $0.failure } }
    /// Whether the relay is waiting for the client's next bytes (rather than for the service to want
    /// them): a call that times out meanwhile timed out on the client.
    var isWaitingForClient: Bool { progress.withLockedValue { $0.isWaitingForClient } }

    init(_ body: RequestBody, limit: Int? = nil) {
        let (demands, demand) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (chunks, output) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        self.demand = demand
        self.chunks = chunks
        let progress = self.progress
        pump = Task {
            var source = body.makeAsyncIterator()
            var count = 0
            func fail(_ failure: ClientFailure) -> ClientFailure {
                progress.withLockedValue { $0.failure = failure }
                return failure
            }
            func read() async throws -> ByteBuffer? {
                progress.withLockedValue { $0.isWaitingForClient = true }
                defer { progress.withLockedValue { $0.isWaitingForClient = false } }
                let chunk: ByteBuffer?
                do {
                    chunk = try await source.next()
                } catch {
                    // Stopped by the proxy: the exchange is over, and nobody is to blame.
                    if Task.isCancelled { throw CancellationError() }
                    throw fail(.aborted)
                }
                count += chunk?.readableBytes ?? 0
                if let limit, count > limit { throw fail(.limitExceeded) }
                return chunk
            }
            do {
                // One chunk ahead: so the body's end is read as soon as its last chunk is passed on. A service
                // may answer once it has the last byte, and the exchange may end before the upload asks
                // again; the client's body must be read to its end by then, or its connection is closed.
                var next = try await read()
                for await _ in demands {
                    guard let chunk = next else {
                        output.finish()
                        return
                    }
                    output.yield(chunk)
                    next = try await read()
                }
                // Stopped before the body's end: the reader must not take the part it got for the whole.
                throw CancellationError()
            } catch {
                output.finish(throwing: error)
            }
        }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let demand: AsyncStream<Void>.Continuation
        var chunks: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator

        mutating func next() async throws -> ByteBuffer? {
            demand.yield()
            return try await chunks.next()
        }
    }

    /// The upstream call's reader: there is one per relay.
    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(demand: demand, chunks: chunks.makeAsyncIterator())
    }

    /// Stops reading the client's body and returns once nothing reads it any more.
    func stop() async {
        demand.finish()
        pump.cancel()
        await pump.value
    }

    deinit {
        // Only if the exchange ended without `stop()`: the pump must not outlive it.
        demand.finish()
        pump.cancel()
    }
}
