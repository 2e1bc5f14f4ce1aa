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
    )
}
