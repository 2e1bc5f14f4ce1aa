import NIOCore
import NIOHTTP1
import Synchronization

/// A connection to a service as its lessee sees it: usable from any task, each call hopping to the
/// connection's event loop, where ``UpstreamConnectionHandler`` keeps its state.
struct UpstreamConnection: Sendable {
    /// Numbers every exchange, so that a late call about an old exchange (a cancellation, a body reader
    /// leaving) cannot touch a newer one on the same connection.
    private static let exchangeNumbers = Atomic<UInt64>(0)

    /// The connection's number in its pool.
    let id: Int
    /// The socket, for the pool: whether it is still open, and closing it.
    let channel: any Channel
    /// The connection's state, reachable only on its event loop.
    let handler: NIOLoopBound<UpstreamConnectionHandler>

    /// Sends `request` and returns the response once its head has arrived; the body streams on.
    ///
    /// A complete body goes out with the head. A streamed one is written by a task of its own, one chunk
    /// at a time, each write awaited: the service may answer before it has read the body (and may stream
    /// its answer while it reads, as an echo does), so the upload cannot wait for the response, nor the
    /// response for the upload.
    ///
    /// - Throws: ``UpstreamError/responseTimeout`` when no head has arrived by `deadline`,
    ///   ``UpstreamError/closedBeforeResponse`` when the connection broke first, `CancellationError`
    ///   when the task is cancelled meanwhile, or the error that ended the request body.
    func exchange(_ request: UpstreamRequest, deadline: NIODeadline) async throws -> UpstreamResponse {
        let number = Self.exchangeNumbers.wrappingAdd(1, ordering: .relaxed).newValue
        let handler = handler
        let eventLoop = handler.eventLoop
        let promise = eventLoop.makePromise(of: UpstreamResponse.self)
        let head = request.head
        let bodyLength = request.bodyLength
        switch request.body {
        case .none:
            eventLoop.execute {
                handler.value.startExchange(number, head: head, body: nil, bodyLength: nil, deadline: deadline, promise: promise)
            }
        case .complete(let body):
            eventLoop.execute {
                handler.value.startExchange(number, head: head, body: body, bodyLength: bodyLength, deadline: deadline, promise: promise)
            }
        case .streamed(let relay):
            // Enqueued before any upload write, and the event loop runs its tasks in order.
            eventLoop.execute {
                handler.value.startExchange(
                    number, head: head, body: ByteBuffer(), bodyLength: bodyLength, deadline: deadline, promise: promise
                )
            }
            upload(relay, exchange: number)
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            eventLoop.execute { handler.value.cancel(number) }
        }
    }

    /// Writes `body` to the exchange, and its end only if it was read to its end: a body that failed
    /// (over the limit, the client gone) ends the exchange instead, so the service never takes a part
    /// for the whole. The task ends with the body: ``RequestBodyRelay/stop()`` ends a body early.
    private func upload(_ body: RequestBodyRelay, exchange number: UInt64) {
        let handler = handler
        let eventLoop = handler.eventLoop
        Task {
            do {
                for try await chunk in body where chunk.readableBytes > 0 {
                    try await eventLoop.flatSubmit { handler.value.writeBody(chunk, of: number) }.get()
                }
                try await eventLoop.flatSubmit { handler.value.endBody(of: number) }.get()
            } catch {
                eventLoop.execute { handler.value.failBody(error, of: number) }
            }
        }
    }
}
