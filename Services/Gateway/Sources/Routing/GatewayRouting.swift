import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// The gateway's routing layer: security headers and CORS, rate limits, the route policy, and
/// forwarding to the services. App+build.swift adds its parts in order, with authentication between
/// the headers and the limits.
public struct GatewayRouting: Sendable {
    let settings: RoutingSettings
    let policies: RoutePolicyTable
    let dependencies: ServiceDependencies
    let client: HTTPClient
    let pools: [String: UpstreamConnectionPool]
    let breakers: [String: CircuitBreaker]
    let limiter: RateLimiter

    /// Reads the routing settings and creates the connection pools to the services (and the HTTP client
    /// for their OpenAPI documents), closed after the server stops.
    ///
    /// - Throws: ``ConfigurationError`` for a malformed setting, or a service URL that is not plain `http`.
    public init(dependencies: ServiceDependencies) throws {
        try self.init(dependencies: dependencies, policies: .standard)
    }

    init(dependencies: ServiceDependencies, policies: RoutePolicyTable) throws {
        let settings = try RoutingSettings(reader: SettingsReader(reader: dependencies.reader))
        self.settings = settings
        self.policies = policies
        self.dependencies = dependencies
        breakers = Dictionary(
            uniqueKeysWithValues: Upstream.all.map {
                ($0.name, CircuitBreaker(minimumCalls: settings.breakerMinimumCalls, pause: settings.breakerPause))
            })
        limiter = RateLimiter(maxBuckets: settings.maxRateLimitedClients)
        var pools: [String: UpstreamConnectionPool] = [:]
        for upstream in Upstream.all {
            guard let url = dependencies.settings.serviceURLs[upstream.name] else { continue }
            pools[upstream.name] = UpstreamConnectionPool(
                endpoint: try UpstreamEndpoint(url: url, setting: UpstreamEndpoint.urlSetting(of: upstream)),
                configuration: .init(
                    connectTimeout: settings.connectTimeout, readTimeout: settings.responseTimeout,
                    // Well inside the services' own idle timeout (the same setting as the gateway's), so the
                    // gateway, not the service, closes an idle connection, and never while sending on it.
                    idleTimeout: dependencies.settings.timeouts.idle / 2
                )
            )
        }
        self.pools = pools
        client = UpstreamClient.make(settings: settings)
        dependencies.lifecycle.add(UpstreamClientCloser(client: client, pools: Array(pools.values), logger: dependencies.logger))
    }

    /// Adds security headers and CORS: outermost, so every response gets them, errors included.
    public func addResponseHeaders(to router: ServiceRouter) {
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: CORSMiddleware(origins: settings.corsOrigins))
    }

    /// Gives each request its client key; add before authentication, whose sign-in throttle uses it.
    public func addClientKeys(to router: ServiceRouter) {
        router.add(
            middleware: ClientKeyMiddleware(
                resolver: ClientAddressResolver(trustedProxies: settings.trustedProxies),
                key: dependencies.identitySigner.derivedKey(for: "openmedia client key")
            ))
    }

    /// Charges each client's refused credentials and turns a client away once they use up its allowance;
    /// add after client keys and before authentication, whose refusals it counts.
    public func addFailedAuthenticationLimits(to router: ServiceRouter) {
        router.add(middleware: FailedAuthenticationLimitMiddleware(limiter: limiter, settings: settings))
    }

    /// Adds per-caller rate limits; add after authentication, which tells callers apart.
    public func addRateLimits(to router: ServiceRouter) {
        router.add(middleware: RateLimitMiddleware(limiter: limiter, settings: settings))
    }

    /// Registers the forwarding routes of every upstream and serves the merged `/openapi.json`.
    public func registerRoutes(on router: ServiceRouter) async {
        // Every method is passed on: the service knows its paths' methods and answers any other with 405
        // and `Allow` (CORS preflights never get here).
        let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace]
        let liveStreams = LiveStreamLimit(perClient: settings.liveStreamsPerClient)
        dependencies.lifecycle.onShutdownBegins { liveStreams.endAll() }
        for upstream in Upstream.all {
            let proxy = ProxyResponder(
                upstream: upstream, pool: pools[upstream.name], policies: policies,
                breaker: breakers[upstream.name]!, signer: dependencies.identitySigner,
                responseTimeout: settings.responseTimeout, liveStreams: liveStreams
            )
            for prefix in upstream.pathPrefixes {
                for path in [RouterPath(prefix), RouterPath(prefix + "/**")] {
                    for method in methods { router.on(path, method: method, use: proxy.respond) }
                    router.onOtherMethods(path, use: proxy.respond)
                }
            }
        }

        let merger = OpenAPIMerger(
            gatewayDocument: await dependencies.openAPI.document(),
            upstreams: Upstream.all.compactMap { upstream in
                dependencies.settings.serviceURLs[upstream.name].map { (upstream, $0) }
            },
            client: client, signer: dependencies.identitySigner, logger: dependencies.logger
        )
        dependencies.openAPI.replace { await merger.document() }
    }
}
