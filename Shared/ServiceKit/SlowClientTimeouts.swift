import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// How long a client may take over its request, so that slow or stalled sockets cannot hold a server's
/// connections (`HTTP_HEADER_TIMEOUT_SECONDS`, `HTTP_BODY_TIMEOUT_SECONDS`, `HTTP_IDLE_TIMEOUT_SECONDS`).
public struct HTTPTimeouts: Sendable {
    /// From a request's first byte to the end of its head.
    public var header: Duration
    /// From a request's head to the end of its body.
    public var body: Duration
    /// How long a connection may sit without a request, or without a byte of one being read.
    public var idle: Duration

    /// Creates timeouts.
    public init(header: Duration, body: Duration, idle: Duration) {
        self.header = header
        self.body = body
        self.idle = idle
    }
}

/// One connection's request deadlines: the head must arrive within the header timeout of its first byte,
/// the body within the body timeout of the head. A connection that misses one is closed. Hummingbird's own
/// idle timeout covers a connection without a request: before the first, and between requests.
///
/// Two handlers feed it, both on the connection's event loop: ``SlowClientBytesHandler`` sees bytes before
/// the HTTP decoder, ``SlowClientPartsHandler`` sees the decoded request parts and the response's end.
final class SlowClientDeadlines {
    private let timeouts: HTTPTimeouts
    private let channel: any Channel
    private let logger: Logger
    private var timer: Scheduled<Void>?
    private var heads = 0
    private var ends = 0

    init(timeouts: HTTPTimeouts, channel: any Channel, logger: Logger) {
        self.timeouts = timeouts
        self.channel = channel
        self.logger = logger
    }

    /// Bytes arrived: a request's head has begun, unless a body is being read or a deadline already runs.
    func bytesArrived() {
        guard timer == nil, heads == ends else { return }
        start(timeouts.header, phase: "header")
    }

    func headReceived() {
        heads += 1
        cancel()
        start(timeouts.body, phase: "body")
    }

    func endReceived() {
        ends += 1
        cancel()
    }

    func cancel() {
        timer?.cancel()
        timer = nil
    }

    private func start(_ timeout: Duration, phase: String) {
        let channel = channel
        let logger = logger
        timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            logger.debug("closing a connection whose client was too slow", metadata: ["phase": .string(phase)])
            channel.close(promise: nil)
        }
    }
}

/// Feeds ``SlowClientDeadlines`` the arrival of bytes; first in the pipeline, before the HTTP decoder.
final class SlowClientBytesHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let deadlines: SlowClientDeadlines

    init(deadlines: SlowClientDeadlines) {
        self.deadlines = deadlines
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadlines.bytesArrived()
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadlines.cancel()
        context.fireChannelInactive()
    }
}

/// Feeds ``SlowClientDeadlines`` each request's head and end; after the HTTP decoder.
final class SlowClientPartsHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let deadlines: SlowClientDeadlines

    init(deadlines: SlowClientDeadlines) {
        self.deadlines = deadlines
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadlines.headReceived()
        case .body: break
        case .end: deadlines.endReceived()
        }
        context.fireChannelRead(data)
    }
}
