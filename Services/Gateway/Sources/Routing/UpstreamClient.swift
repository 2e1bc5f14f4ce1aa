import AsyncHTTPClient
import Logging
import NIOCore
import ServiceLifecycle

/// The one HTTP client the gateway uses for every upstream, tuned for proxying.
enum UpstreamClient {
    /// A client with the gateway's limits: many connections per service, no retries, no redirects.
    static func make(settings: RoutingSettings) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .init(settings.connectTimeout), read: .init(settings.responseTimeout))
        )
        // The default of 8 connections per host would cap each service at 8 requests in flight.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        // A refused connection must answer 503 at once and count towards the breaker, not be retried until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        // A service's redirect is for the client to follow, not the gateway.
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}

/// Shuts the upstream client down once the server has stopped and in-flight requests are done.
struct UpstreamClientCloser: Service {
    let client: HTTPClient
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try await client.shutdown()
        } catch {
            logger.warning("closing the upstream client failed", metadata: ["error.type": "\(type(of: error))"])
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        self = .nanoseconds(Int64(duration / .nanoseconds(1)))
    }
}
