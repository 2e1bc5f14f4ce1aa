import Configuration
import ServiceKit

/// How the gateway's server listens: it is the public entry, so it caps connections per client and
/// serves its metrics only on a port of their own, for the internal network.
enum GatewayServer {
    /// The server options from the routing settings.
    static func options(reader: ConfigReader) throws -> ServerOptions {
        let settings = try RoutingSettings(reader: SettingsReader(reader: reader))
        let trustedProxies = settings.trustedProxies
        let connections = ConnectionsPerClient(limit: settings.maxConnectionsPerClient) { peer in
            // A trusted proxy carries many clients' connections; its own address is not one client.
            if let bytes = IPNetwork.bytes(of: peer), trustedProxies.contains(where: { $0.contains(bytes) }) { return nil }
            // Keyed like the rate limits: an IPv6 client by its /64.
            return IPNetwork.clientNetwork(of: peer).map { $0.map { String($0, radix: 16) }.joined(separator: ":") } ?? peer
        }
        return ServerOptions(connectionsPerClient: connections, metricsPort: settings.metricsPort)
    }
}
