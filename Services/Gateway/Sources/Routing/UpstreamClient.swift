import AsyncHTTPClient
import Logging
import NIOCore
import ServiceLifecycle

/// The general-purpose HTTP client of the gateway's routing, for the occasional call that is not
/// forwarding (the services' OpenAPI documents). Forwarding uses ``UpstreamConnectionPool``.
enum UpstreamClient {
    /// A client that connects within the routing's connect timeout and follows no redirects.
    static func make(settings: RoutingSettings) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .init(settings.connectTimeout), read: .init(settings.responseTimeout))
        )
        // A refused connection must fail at once, not be retried until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        // A service's redirect is not for the gateway to follow.
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}

/// Closes the connection pools and the HTTP client once the server has stopped and in-flight requests are done.
struct UpstreamClientCloser: Service {
    let client: HTTPClient
    let pools: [UpstreamConnectionPool]
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        await withDiscardingTaskGroup { group in
            for pool in pools {
                group.addTask { await pool.shutdown() }
            }
        }
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
