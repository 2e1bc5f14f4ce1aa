import NIOCore
import NIOPosix

/// A bare TCP client for tests that must misbehave as no HTTP client would: send part of a request,
/// trickle it, stall, or drop the connection mid-body. What the server sends back is ignored.
struct RawClient {
    let channel: any Channel

    /// Connects to `port` on 127.0.0.1.
    static func connect(port: Int) async throws -> RawClient {
        RawClient(channel: try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get())
    }

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

    /// Drops the connection.
    func close() async {
        try? await channel.close()
    }
}
