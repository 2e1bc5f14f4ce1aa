import NIOCore
import NIOPosix

/// Finds ports for the local platform's services on loopback.
enum LoopbackPorts {
    /// A port the OS reports free right now. Another process could take it before we bind, which is
    /// acceptable for a local run; the bind error then names the port.
    static func free(host: String) async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: host, port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    /// Throws, naming the port, when `port` cannot be bound on `host`.
    static func checkAvailable(host: String, port: Int) async throws {
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port).get()
            try await channel.close()
        } catch {
            throw PlatformError("port \(port) on \(host) is already in use; stop what uses it or pass --port <another port>")
        }
    }
}
