import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 server with slow clients' deadlines and, where set, a cap on connections per client.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let responder: HTTPChannelHandler.Responder
    let timeouts: HTTPTimeouts
    let connectionsPerClient: ConnectionsPerClient?

    /// The builder for `Application(server:)`.
    static func builder(timeouts: HTTPTimeouts, connectionsPerClient: ConnectionsPerClient?) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTP1Channel(responder: responder, timeouts: timeouts, connectionsPerClient: connectionsPerClient)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        if let connectionsPerClient, !connectionsPerClient.admit(channel) {
            logger.debug("refused a connection: the client holds as many as it may")
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(TooManyConnections())
        }
        let deadlines = SlowClientDeadlines(timeouts: timeouts, channel: channel, logger: logger)
        do {
            try channel.pipeline.syncOperations.addHandler(SlowClientBytesHandler(deadlines: deadlines), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        // Handed to Hummingbird's pipeline set-up, which runs here, on the channel's event loop.
        let parts = NIOLoopBound(SlowClientPartsHandler(deadlines: deadlines), eventLoop: channel.eventLoop)
        return http1(additionalChannelHandlers: [parts.value]).setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http1().handle(value: value, logger: logger)
    }

    private func http1(additionalChannelHandlers: @autoclosure @escaping @Sendable () -> [any RemovableChannelHandler] = []) -> HTTP1Channel {
        HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: additionalChannelHandlers(), idleTimeout: TimeAmount(timeouts.idle))
        )
    }
}
