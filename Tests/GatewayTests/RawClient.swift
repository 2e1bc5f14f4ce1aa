import NIOCore
import NIOPosix
import Synchronization

/// A bare TCP client for tests that must misbehave as no HTTP client would: send part of a request,
/// trickle it, stall, or drop the connection mid-body. What the server sends back is ignored.
struct RawClient {
    let channel: any Channel
    private let received: ReceivedBytes

    /// Connects to `port` on 127.0.0.1 from `address`, another loopback address to act as another client.
    static func connect(port: Int, from address: String = "127.0.0.1") async throws -> RawClient {
        let received = ReceivedBytes()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(to: try SocketAddress(ipAddress: address, port: 0))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(received) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawClient(channel: channel, received: received)
    }

    /// What the server has sent so far.
    var receivedText: String { received.text }

    /// A request head for `path`, with a declared body length and any extra header lines.
    static func head(_ path: String, method: String = "POST", contentLength: Int? = nil, headers: [String] = []) -> String {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: localhost"] + headers
        if let contentLength { lines.append("Content-Length: \(contentLength)") }
        return lines.joined(separator: "\r\n") + "\r\n\r\n"
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    func send(_ buffer: ByteBuffer) async throws {
        try await channel.writeAndFlush(buffer)
    }

    /// Whether the connection is still open.
    var isOpen: Bool { channel.isActive }

    /// Waits until the server closes the connection or `limit` passes; returns whether it closed.
    func waitForClose(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while channel.isActive, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !channel.isActive
    }

    /// Waits until what it received contains `text` or `limit` passes; returns whether it did.
    func waitForText(_ text: String, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !receivedText.contains(text), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return receivedText.contains(text)
    }

    /// Drops the connection.
    func close() async {
        try? await channel.close()
    }
}

/// Keeps what a raw connection receives.
private final class ReceivedBytes: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let bytes = Mutex("")

    var text: String { bytes.withLock { $0 } }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        bytes.withLock { $0 += String(buffer: buffer) }
    }
}
