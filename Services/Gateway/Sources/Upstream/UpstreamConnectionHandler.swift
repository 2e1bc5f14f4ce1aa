import NIOCore
import NIOHTTP1

/// One keep-alive connection to a service and the exchange on it, if any.
///
/// Everything here runs on the channel's event loop: callers elsewhere reach it through
/// ``UpstreamConnection``, which hops there. Reading is manual (`autoRead` is off): the handler reads
/// while it waits for a response head, while the response body's reader wants more, and while the
/// connection idles in the pool, to notice the service closing it. When the reader falls behind, the
/// socket is not read and TCP holds the service back.
///
/// An exchange ends in one of two ways. The connection goes back to the pool only when the request was
/// written to its end, the response was read to its end, and the response is HTTP/1.1 without
/// `Connection: close` (the gateway never sends it). Anything else — an error, a timeout, a reader that
/// left early, a service that answered before the request ended — closes it, since its framing can no
/// longer be trusted.
final class UpstreamConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private enum State {
        /// No exchange: the connection is idle in the pool, or leased and about to start one.
        case idle
        /// A request is being sent or answered.
        case exchanging(Exchange)
        /// The connection is closed or closing; nothing more happens on it.
        case closed
    }

    private struct Exchange {
        /// Names the exchange in calls that may arrive after it ended (see ``UpstreamConnection``).
        let number: UInt64
        var response: ResponseProgress
        /// Whether the request's last byte was written to the socket.
        var isRequestSent = false
        /// Body bytes still to write when the body has a declared length: such a body ends with its last
        /// byte, which the service may answer before the uploading task has come back to say so.
        var unsentBodyBytes: Int?
        /// Whether the response allows another request on the connection.
        var isKeepAlive = false
        /// Whether the body's reader has room for more; while it has none, the socket is not read.
        var hasDemand = true
        /// When the service last sent something, or the reader last asked for more: the read timeout counts from here.
        var lastProgress: NIODeadline
        /// The response deadline before the head, the read timeout's check after it.
        var timer: NIOScheduledCallback?
    }

    private enum ResponseProgress {
        case awaitingHead(EventLoopPromise<UpstreamResponse>)
        case streaming(UpstreamResponseBody.Source)
    }

    /// The connection's number in its pool.
    let id: Int
    private let eventLoop: any EventLoop
    private let pool: UpstreamConnectionPool
    private let readTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private var context: ChannelHandlerContext?
    private var state = State.idle
    private var isReadPending = false
    private var idleTimer: NIOScheduledCallback?

    init(id: Int, eventLoop: any EventLoop, pool: UpstreamConnectionPool, readTimeout: TimeAmount, idleTimeout: TimeAmount) {
        self.id = id
        self.eventLoop = eventLoop
        self.pool = pool
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
    }

    // MARK: Calls from the connection's user (through UpstreamConnection, on the event loop)

    /// Sends `head` with `body`, and the request's end too when there is no body, and reads until the
    /// response head arrives, `deadline` passes or the exchange fails, completing `promise` accordingly.
    ///
    /// - Parameters:
    ///   - body: `nil` for no body; otherwise what to send now, with the head: the whole body, or nothing
    ///     (an empty buffer) when the rest follows through ``writeBody(_:of:)`` and ``endBody(of:)``.
    ///   - bodyLength: The body's declared length, or `nil` when it is chunked.
    func startExchange(
        _ number: UInt64, head: HTTPRequestHead, body: ByteBuffer?, bodyLength: Int?, deadline: NIODeadline,
        promise: EventLoopPromise<UpstreamResponse>
    ) {
        let hasBody = body != nil
        guard case .idle = state, let context, context.channel.isActive else {
            // Closed while it waited in the pool, or between leaving it and getting here.
            promise.fail(UpstreamError.closedBeforeResponse)
            return
        }
        cancelIdleTimer()
        var exchange = Exchange(number: number, response: .awaitingHead(promise), lastProgress: .now())
        exchange.unsentBodyBytes = hasBody ? bodyLength : nil
        exchange.timer = schedule(at: deadline, for: number)
        state = .exchanging(exchange)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body, body.readableBytes > 0, bodyLength == body.readableBytes {
            // The whole body: head and body leave in one flush, and the request is complete.
            writeBody(body, of: number).assumeIsolated().whenFailure { [self] error in failBody(error, of: number) }
        } else if hasBody {
            context.flush()
        } else {
            writeEnd(of: number, context: context)
        }
        readIfWanted()
    }

    /// Writes a chunk of the request body; the future completes once it is on the socket, which is what
    /// paces the upload to the service's speed.
    func writeBody(_ chunk: ByteBuffer, of number: UInt64) -> EventLoopFuture<Void> {
        guard let context, case .exchanging(var exchange) = state, exchange.number == number, !exchange.isRequestSent else {
            return eventLoop.makeFailedFuture(UpstreamError.exchangeEnded)
        }
        var isLast = false
        if let unsent = exchange.unsentBodyBytes {
            guard chunk.readableBytes <= unsent else { return failBodyLength() }
            exchange.unsentBodyBytes = unsent - chunk.readableBytes
            state = .exchanging(exchange)
            isLast = unsent == chunk.readableBytes
        }
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: promise)
        if isLast {
            promise.futureResult.assumeIsolated().whenSuccess { [self] in requestSent(number) }
        }
        return promise.futureResult
    }

    /// Ends the request body: with the chunked terminator, or, for a body of declared length, by checking
    /// that its last byte was written (nothing more goes on the wire).
    func endBody(of number: UInt64) -> EventLoopFuture<Void> {
        guard let context, case .exchanging(let exchange) = state, exchange.number == number else {
            return eventLoop.makeFailedFuture(UpstreamError.exchangeEnded)
        }
        switch exchange.unsentBodyBytes {
        case nil: return writeEnd(of: number, context: context)
        case 0: return eventLoop.makeSucceededVoidFuture()
        default: return failBodyLength()
        }
    }

    /// The request body could not be read or written to its end: the service must not take what it got
    /// for a whole request, and the caller learns why (a body over the limit, say).
    func failBody(_ error: any Error, of number: UInt64) {
        guard isCurrent(number) else { return }
        close(failingWith: error)
    }

    /// The caller stopped waiting for the response head.
    func cancel(_ number: UInt64) {
        guard case .exchanging(let exchange) = state, exchange.number == number,
            case .awaitingHead = exchange.response
        else { return }
        close(failingWith: CancellationError())
    }

    /// The body's reader has room again.
    func readerWantsMore(exchange number: UInt64) {
        guard case .exchanging(var exchange) = state, exchange.number == number, case .streaming = exchange.response,
            !exchange.hasDemand
        else { return }
        exchange.hasDemand = true
        // The service was not at fault while nobody asked it for more.
        exchange.lastProgress = .now()
        state = .exchanging(exchange)
        readIfWanted()
    }

    /// The body's reader is gone. Before the response's end, that leaves bytes on the connection that
    /// nobody will read, so it is closed; after it, this is the normal end and there is nothing to do.
    func readerLeft(exchange number: UInt64) {
        guard isCurrent(number) else { return }
        close(failingWith: CancellationError())
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        readIfWanted()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        close(failingWith: UpstreamError.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        close(failingWith: error)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): receivedHead(head)
        case .body(let chunk): receivedBody(chunk)
        case .end: receivedEnd()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        isReadPending = false
        if case .exchanging(var exchange) = state, case .streaming = exchange.response {
            exchange.lastProgress = .now()
            state = .exchanging(exchange)
        }
        readIfWanted()
        context.fireChannelReadComplete()
    }

    // MARK: The response

    private func receivedHead(_ head: HTTPResponseHead) {
        guard case .exchanging(var exchange) = state, case .awaitingHead(let promise) = exchange.response else {
            return close(failingWith: UpstreamError.unexpectedResponse)
        }
        exchange.timer?.cancel()
        exchange.isKeepAlive = head.version == .http1_1 && head.isKeepAlive
        let delegate = UpstreamResponseBodyDelegate(handler: NIOLoopBound(self, eventLoop: eventLoop), exchange: exchange.number)
        let body = UpstreamResponseBody.makeSequence(
            elementType: ByteBuffer.self, failureType: (any Error).self, backPressureStrategy: UpstreamResponseBody.watermarks,
            finishOnDeinit: true, delegate: delegate
        )
        exchange.response = .streaming(body.source)
        exchange.lastProgress = .now()
        // A live stream is quiet between events for as long as it likes: no read timeout cuts it. It ends
        // when the service closes it or its reader (the client) leaves.
        let isEventStream = UpstreamResponse.isEventStream(head)
        exchange.timer = isEventStream ? nil : schedule(at: exchange.lastProgress + readTimeout, for: exchange.number)
        state = .exchanging(exchange)
        if isEventStream { pool.startedStreaming(id) }
        promise.succeed(UpstreamResponse(head: head, body: body.sequence, abandon: delegate.didTerminate))
    }

    private func receivedBody(_ chunk: ByteBuffer) {
        guard case .exchanging(var exchange) = state, case .streaming(let source) = exchange.response else {
            return close(failingWith: UpstreamError.unexpectedResponse)
        }
        switch source.yield(chunk) {
        case .produceMore:
            break
        case .stopProducing:
            exchange.hasDemand = false
            state = .exchanging(exchange)
        case .dropped:
            close(failingWith: CancellationError())
        }
    }

    private func receivedEnd() {
        guard let context, case .exchanging(let exchange) = state, case .streaming(let source) = exchange.response else {
            return close(failingWith: UpstreamError.unexpectedResponse)
        }
        exchange.timer?.cancel()
        // Back in the pool before the reader learns of the end, so that its next request finds it there.
        let release: UpstreamPoolState.Release
        if exchange.isRequestSent, exchange.isKeepAlive, context.channel.isActive {
            state = .idle
            release = pool.release(id)
        } else {
            release = .close
        }
        source.finish()
        switch release {
        case .keptIdle:
            idleTimer = try? eventLoop.assumeIsolated().scheduleCallback(in: idleTimeout, handler: IdleTimer(handler: self))
            readIfWanted()
        case .handedOver:
            readIfWanted()
        case .close:
            state = .closed
            context.close(promise: nil)
        }
    }

    // MARK: Helpers

    private func isCurrent(_ number: UInt64) -> Bool {
        guard case .exchanging(let exchange) = state else { return false }
        return exchange.number == number
    }

    @discardableResult
    private func writeEnd(of number: UInt64, context: ChannelHandlerContext) -> EventLoopFuture<Void> {
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
        promise.futureResult.assumeIsolated().whenSuccess { [self] in requestSent(number) }
        return promise.futureResult
    }

    private func requestSent(_ number: UInt64) {
        guard case .exchanging(var exchange) = state, exchange.number == number else { return }
        exchange.isRequestSent = true
        state = .exchanging(exchange)
    }

    /// The body is longer or shorter than its request said: the service would misread the connection.
    private func failBodyLength() -> EventLoopFuture<Void> {
        close(failingWith: UpstreamError.bodyLengthMismatch)
        return eventLoop.makeFailedFuture(UpstreamError.bodyLengthMismatch)
    }

    /// Reads from the socket if the state calls for it and no read is outstanding.
    private func readIfWanted() {
        guard !isReadPending, let context else { return }
        let wantsRead =
            switch state {
            case .idle: true
            case .closed: false
            case .exchanging(let exchange):
                switch exchange.response {
                case .awaitingHead: true
                case .streaming: exchange.hasDemand
                }
            }
        guard wantsRead else { return }
        isReadPending = true
        context.read()
    }

    /// Ends whatever exchange there is with `error` and closes the connection. Safe to call again, also
    /// from inside a write that fails synchronously.
    private func close(failingWith error: any Error) {
        let previous = state
        state = .closed
        cancelIdleTimer()
        if case .exchanging(let exchange) = previous {
            exchange.timer?.cancel()
            switch exchange.response {
            case .awaitingHead(let promise): promise.fail(Self.headFailure(error))
            case .streaming(let source): source.finish(error)
            }
        }
        if case .closed = previous { return }
        context?.close(promise: nil)
    }

    /// The error to report for a failure before the response head: a connection that broke counts as
    /// closed, so that a request the service never saw can be retried.
    private static func headFailure(_ error: any Error) -> any Error {
        if error is IOError || error is ChannelError || error as? UpstreamError == .connectionClosed {
            return UpstreamError.closedBeforeResponse
        }
        return error
    }

    private func cancelIdleTimer() {
        idleTimer?.cancel()
        idleTimer = nil
    }

    private func schedule(at deadline: NIODeadline, for number: UInt64) -> NIOScheduledCallback? {
        try? eventLoop.assumeIsolated().scheduleCallback(at: deadline, handler: ExchangeTimer(handler: self, number: number))
    }

    /// The response deadline passed, or it is time to check whether the service has stalled mid-body.
    fileprivate func exchangeTimerFired(_ number: UInt64) {
        guard case .exchanging(var exchange) = state, exchange.number == number else { return }
        switch exchange.response {
        case .awaitingHead:
            close(failingWith: UpstreamError.responseTimeout)
        case .streaming:
            let now = NIODeadline.now()
            if exchange.hasDemand, exchange.lastProgress + readTimeout <= now {
                return close(failingWith: UpstreamError.readTimeout)
            }
            // While the reader has no room the service is waiting on the client, not stalling.
            let next = exchange.hasDemand ? exchange.lastProgress + readTimeout : now + readTimeout
            exchange.timer = schedule(at: next, for: number)
            state = .exchanging(exchange)
        }
    }

    /// The connection has idled in the pool for the idle timeout.
    fileprivate func idleTimerFired() {
        idleTimer = nil
        guard case .idle = state else { return }
        // The pool may have just leased it: then the lessee's exchange is on its way here, and it stays open.
        if pool.removeIdle(id) {
            state = .closed
            context?.close(promise: nil)
        }
    }
}

/// Calls the handler back when an exchange's timer fires; the handler ignores it if the exchange is over.
private struct ExchangeTimer: NIOScheduledCallbackHandler {
    let handler: UpstreamConnectionHandler
    let number: UInt64

    func handleScheduledCallback(eventLoop: some EventLoop) {
        handler.exchangeTimerFired(number)
    }
}

/// Calls the handler back when it has idled for the idle timeout.
private struct IdleTimer: NIOScheduledCallbackHandler {
    let handler: UpstreamConnectionHandler

    func handleScheduledCallback(eventLoop: some EventLoop) {
        handler.idleTimerFired()
    }
}
