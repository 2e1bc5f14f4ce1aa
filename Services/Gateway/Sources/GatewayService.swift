import Models
import ServiceKit
import Web

/// The gateway service. The one public entry: sign-in, roles, API keys, routing to the services, limits, dashboards.
public enum GatewayService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.gateway,
        migrations: GatewayMigrations.all,
        // The gateway authenticates people itself (sign-in, API keys); it signs assertions, it does not receive them.
        verifiesIdentity: false,
        // The start of the merged `/openapi.json`: the gateway's own API, and how callers authenticate, which
        // every service's operations inherit unless they say `"security": []` (public).
        openAPIResource: PackageResources.openapi_json,
        registerRoutes: { router, dependencies in
            let gateway = try await GatewayComponents(dependencies)
            let routing = try GatewayRouting(dependencies: dependencies)
            let pages = try PageRenderer.embedded(formKey: dependencies.identitySigner.derivedKey(for: "openmedia form tokens"))
            routing.addResponseHeaders(to: router) // security headers and CORS: outermost
            await OrganizationCheckController(organizations: gateway.organizations, settings: dependencies.settings).register(on: router)
            router.add(middleware: ErrorPagesMiddleware(renderer: pages)) // a browser's 404 is a page in its language
            routing.addClientKeys(to: router)
            routing.addFailedAuthenticationLimits(to: router) // refused credentials are charged per client
            router.add(
                middleware: AuthenticationMiddleware(
                    tokens: gateway.tokens, sessions: gateway.sessions, apiKeys: gateway.apiKeys, siteSessions: gateway.siteSessions))
            routing.addRateLimits(to: router) // per API key, user or anonymous client: needs the identity
            gateway.registerDirectoryRoutes(on: router)
            gateway.registerLogframeRoutes(on: router, renderer: pages)
            let pageAPI = PageAPI(client: dependencies.serviceClient)
            WebController(renderer: pages, api: pageAPI).register(on: router)
            PublicAppealsController(renderer: pages, api: pageAPI).register(on: router)
            StaffAppealsController(renderer: pages, api: pageAPI, directory: gateway.staffDirectory).register(on: router)
            PublicEventsController(renderer: pages, api: pageAPI, directory: gateway.staffDirectory).register(on: router)
            StaffEventsController(renderer: pages, api: pageAPI, directory: gateway.staffDirectory).register(on: router)
            PublicBroadcastsController(renderer: pages, api: pageAPI).register(on: router)
            StaffBroadcastsController(renderer: pages, api: pageAPI).register(on: router)
            gateway.registerSignInPages(on: router, renderer: pages)
            await routing.registerRoutes(on: router) // forwarding to the services, route policy, /openapi.json
        },
        afterMigrations: { dependencies in
            try await GatewayComponents.bootstrap(dependencies)
        },
        serverOptions: GatewayServer.options(reader:)
    )
}
