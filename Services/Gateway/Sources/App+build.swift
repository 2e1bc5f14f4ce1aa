import ServiceKit

/// The gateway service. The one public entry: sign-in, roles, API keys, routing to the services, limits, dashboards.
public enum GatewayService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "gateway",
        defaultPort: 8080,
        migrations: [ReferenceDataMigrations.regions],
        // The gateway authenticates people itself (sign-in, API keys); it signs assertions, it does not receive them.
        verifiesIdentity: false
    ) { router, dependencies in
        let routing = try GatewayRouting(dependencies: dependencies)
        routing.addResponseHeaders(to: router)  // security headers and CORS: outermost
        // Authentication middleware goes here: it sets `context.identity` for the limits and policy below.
        routing.addRateLimits(to: router)
        await routing.registerRoutes(on: router)  // forwarding to the services, route policy, /openapi.json
    }
}
