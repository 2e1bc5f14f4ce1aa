import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A bare HTTP/1.1 service for the connection pool's tests: it counts the connections it accepts and
/// sees closed, and answers by path, including in ways a well-behaved service would not.
///
/// - `/ok`: 200 `ok`.
/// - `/close`: 200 `ok` with `Connection: close`, but the connection is left open, so that only the
///   client's own reading of the header keeps it from being reused.
/// - `/stale`: a connection's first request is answered as `/ok`; on a later one the connection is
///   closed without an answer, as when a service closed it while it idled.
/// - `/close-when-idle`: as `/ok`, then the connection is closed 50 ms later.
/// - `/endless`: a head and one chunk, never the end.
/// - `/held`: answered only once the test calls ``releaseHeld()``.
/// - `/large`: ``largeBodyBytes`` bytes, each chunk written only once the previous one is on the socket.
/// - `…/events`: a live stream (`text/event-stream`) of ``eventCount`` events, the first at once and each
///   further one only when the test calls ``sendNextEvent()``, then its end.
/// - `…/events-open`: a live stream with one event that never ends.
final class ScriptedService: Sendable {
    static let largeBodyBytes = 64 << 20
    /// Events in an `…/events` stream.
    static let eventCount = 3

    private let log: ServiceLog
    private let channel: any Channel

    /// The port it listens on, on 127.0.0.1.
    var port: Int { channel.localAddress!.port! }
    /// Connections accepted so far.
    var accepted: Int { log.read { $0.accepted } }
    /// Connections closed so far, by either side.
    var closed: Int { log.read { $0.closed } }
    /// `/held` requests waiting for ``releaseHeld()``.
    var heldCount: Int { log.read { $0.held.count } }
    /// How much of `/large` bodies the client's connection has taken so far.
    var largeBytesWritten: Int { log.read { $0.largeBytesWritten } }
    /// `…/events` streams waiting for ``sendNextEvent()``.
    var waitingEventStreams: Int { log.read { $0.nextEvents.count } }
    /// The `Last-Event-ID` of each live stream request, in order (empty when none was sent).
    var lastEventIDs: [String] { log.read { $0.lastEventIDs } }

    private init(log: ServiceLog, channel: any Channel) {
        self.log = log
        self.channel = channel
    }

    /// Starts a service on a free port of 127.0.0.1.
    static func start() async throws -> ScriptedService {
        let log = ServiceLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                log.update { $0.accepted += 1 }
                channel.closeFuture.whenComplete { _ in log.update { $0.closed += 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    // No server pipeline handler: it would act on `Connection: close` itself.
                    try channel.pipeline.syncOperations.addHandler(HTTPResponseEncoder())
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedService(log: log, channel: channel)
    }

    /// Answers every `/held` request waiting so far.
    func releaseHeld() {
        let held = log.update { log in
            defer { log.held = [] }
            return log.held
        }
        for answer in held { answer() }
    }

    /// Sends the next event of every `…/events` stream waiting so far.
    func sendNextEvent() {
        let waiting = log.update { log in
            defer { log.nextEvents = [] }
            return log.nextEvents
        }
        for send in waiting { send() }
    }

    /// Stops listening.
    func shutdown() async throws {
        try await channel.close()
    }
}

/// What a ``ScriptedService`` has seen, shared by its connections' handlers.
private final class ServiceLog: Sendable {
    struct Entries {
        var accepted = 0
        var closed = 0
        var held: [@Sendable () -> Void] = []
        var largeBytesWritten = 0
        var nextEvents: [@Sendable () -> Void] = []
        var lastEventIDs: [String] = []
    }

    private let entries = Mutex(Entries())

    @discardableResult
    func update<Result>(_ body: (inout Entries) -> Result) -> Result {
        entries.withLock { body(&$0) }
    }

    func read<Result>(_ body: (Entries) -> Result) -> Result {
        entries.withLock { body($0) }
    }
}

/// Answers one connection's requests as ``ScriptedService`` describes.
private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let log: ServiceLog
    private var requests = 0
    private var path = ""

    init(log: ServiceLog) {
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requests += 1
            path = head.uri
            if path == "/stale", requests > 1 { context.close(promise: nil) }
            if path.hasSuffix("/events") || path.hasSuffix("/events-open") {
                log.update { $0.lastEventIDs.append(head.headers.first(name: "Last-Event-ID") ?? "") }
            }
        case .body:
            break
        case .end:
            answer(context: context)
        }
    }

    private func answer(context: ChannelHandlerContext) {
        if path.hasSuffix("/events") || path.hasSuffix("/events-open") {
            let headers: HTTPHeaders = ["Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store"]
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            return sendEvent(1, context: context, last: path.hasSuffix("/events") ? ScriptedService.eventCount : nil)
        }
        switch path {
        case "/close":
            respond(context: context, headers: ["Connection": "close"])
        case "/close-when-idle":
            respond(context: context)
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(50)) { context.close(promise: nil) }
        case "/endless":
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "first")))), promise: nil)
        case "/held":
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            let context = NIOLoopBound(context, eventLoop: context.eventLoop)
            log.update { log in
                log.held.append { handler.eventLoop.execute { handler.value.respond(context: context.value) } }
            }
        case "/large":
            let headers: HTTPHeaders = ["Content-Length": String(ScriptedService.largeBodyBytes)]
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            writeLarge(context: context, remaining: ScriptedService.largeBodyBytes)
        default:
            respond(context: context)
        }
    }

    private func respond(context: ChannelHandlerContext, headers extra: HTTPHeaders = [:]) {
        var headers: HTTPHeaders = ["Content-Length": "2"]
        headers.add(contentsOf: extra)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "ok")))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Writes event `number`, then waits for ``ScriptedService/sendNextEvent()`` before the next, up to
    /// `last` and the stream's end; without `last`, the stream stays open after the first.
    private func sendEvent(_ number: Int, context: ChannelHandlerContext, last: Int?) {
        let event = "id: \(number)\ndata: event \(number)\n\n"
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: event)))), promise: nil)
        guard let last else { return }
        guard number < last else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        log.update { log in
            log.nextEvents.append { handler.eventLoop.execute { handler.value.sendEvent(number + 1, context: bound.value, last: last) } }
        }
    }

    /// Writes the next chunk once the previous one is on the socket, as a service honouring backpressure does.
    private func writeLarge(context: ChannelHandlerContext, remaining: Int) {
        guard remaining > 0 else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let size = min(remaining, 64 << 10)
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(repeating: 0x61, count: size)))), promise: promise)
        promise.futureResult.assumeIsolated().whenSuccess { [log] in
            log.update { $0.largeBytesWritten += size }
            self.writeLarge(context: context, remaining: remaining - size)
        }
    }
}
