import NIOCore

/// Tells a live stream that its subscriber left. Servers allow half-closed connections, so a client that
/// closes its side is seen only as the end of its input (or as the connection's end), never through a failed
/// write while the stream is quiet. (The gateway watches its clients the same way.)
final class LiveDepartureHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    private let onDeparture: @Sendable () -> Void

    init(onDeparture: @escaping @Sendable () -> Void) {
        self.onDeparture = onDeparture
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event { onDeparture() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        onDeparture()
        context.fireChannelInactive()
    }
}
