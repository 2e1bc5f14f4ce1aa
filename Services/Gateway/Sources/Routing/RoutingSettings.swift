import Foundation
import ServiceKit

/// The gateway's routing settings, read once at start-up; a malformed value stops start-up naming it.
struct RoutingSettings: Sendable {
    /// How long to wait for a connection to a service (`GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MILLISECONDS`).
    var connectTimeout: Duration
    /// How long a service may take to start answering, and to pause while streaming (`GATEWAY_UPSTREAM_TIMEOUT_MILLISECONDS`).
    var responseTimeout: Duration
    /// Calls to a service in the breaker's window below which its circuit stays closed (`GATEWAY_BREAKER_MINIMUM_CALLS`).
    var breakerMinimumCalls: Int
    /// How long an open circuit refuses before letting one probe through (`GATEWAY_BREAKER_PAUSE_MILLISECONDS`).
    var breakerPause: Duration
    /// Requests per minute of one anonymous client (`GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE`).
    var anonymousPerMinute: Int
    /// Requests per minute of one signed-in user (`GATEWAY_RATE_LIMIT_USER_PER_MINUTE`).
    var userPerMinute: Int
    /// Requests per minute of one API key (`GATEWAY_RATE_LIMIT_API_KEY_PER_MINUTE`).
    var apiKeyPerMinute: Int
    /// How many callers' buckets are kept at most (`GATEWAY_RATE_LIMIT_MAX_CLIENTS`), bounding memory.
    var maxRateLimitedClients: Int
    /// Browser origins allowed to call the API (`GATEWAY_CORS_ORIGINS`, comma-separated; none by default).
    var corsOrigins: Set<String>
    /// The reverse proxies whose `X-Forwarded-For` is believed (`GATEWAY_TRUSTED_PROXIES`: addresses or
    /// CIDR networks, comma-separated; none by default).
    var trustedProxies: [IPNetwork]
    /// Connections one client may hold open at once (`GATEWAY_MAX_CONNECTIONS_PER_CLIENT`); trusted proxies are exempt.
    var maxConnectionsPerClient: Int
    /// Live streams (`text/event-stream` answers) one client key may hold open at once (`GATEWAY_LIVE_STREAMS_PER_CLIENT`).
    var liveStreamsPerClient: Int
    /// The port, on `HTTP_HOST`, where the gateway serves its own `/metrics` (`GATEWAY_METRICS_PORT`).
    var metricsPort: Int

    init(reader settings: SettingsReader) throws {
        connectTimeout = .milliseconds(try settings.int("gateway.upstream.connect.timeout.milliseconds", default: 1000, in: 10...60_000))
        responseTimeout = .milliseconds(try settings.int("gateway.upstream.timeout.milliseconds", default: 30_000, in: 10...600_000))
        breakerMinimumCalls = try settings.int("gateway.breaker.minimum.calls", default: 20, in: 1...100_000)
        breakerPause = .milliseconds(try settings.int("gateway.breaker.pause.milliseconds", default: 10_000, in: 10...600_000))
        anonymousPerMinute = try settings.int("gateway.rate.limit.anonymous.per.minute", default: 120, in: 1...1_000_000)
        userPerMinute = try settings.int("gateway.rate.limit.user.per.minute", default: 600, in: 1...1_000_000)
        apiKeyPerMinute = try settings.int("gateway.rate.limit.api.key.per.minute", default: 1200, in: 1...1_000_000)
        maxRateLimitedClients = try settings.int("gateway.rate.limit.max.clients", default: 100_000, in: 100...10_000_000)
        let origins = try settings.string("gateway.cors.origins", default: "")
        corsOrigins = Set(origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        trustedProxies = try settings.string("gateway.trusted.proxies", default: "").split(separator: ",").map { entry in
            let text = entry.trimmingCharacters(in: .whitespaces)
            guard let network = IPNetwork(text) else {
                throw ConfigurationError(setting: "GATEWAY_TRUSTED_PROXIES", problem: "\"\(text)\" is not an IP address or CIDR network")
            }
            return network
        }
        maxConnectionsPerClient = try settings.int("gateway.max.connections.per.client", default: 64, in: 1...100_000)
        liveStreamsPerClient = try settings.int("gateway.live.streams.per.client", default: 4, in: 1...1_000)
        metricsPort = try settings.int("gateway.metrics.port", default: 9080, in: 0...65535)
    }
}
