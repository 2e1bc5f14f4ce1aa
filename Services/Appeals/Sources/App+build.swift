import ServiceKit

/// The appeals service. Citizens' appeals about rights infringements: submission, verification, publication, responses.
public enum AppealsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "appeals",
        defaultPort: 8081,
        migrations: [ReferenceDataMigrations.regions]
    )
}
