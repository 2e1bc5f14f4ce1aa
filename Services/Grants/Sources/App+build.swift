import ServiceKit

/// The grants service. Mini-grants and competitions: calls, applications, scoring, awards, tranches, reports.
public enum GrantsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "grants",
        defaultPort: 8086,
        migrations: [ReferenceDataMigrations.regions]
    )
}
