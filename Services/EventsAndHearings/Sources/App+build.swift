import ServiceKit

/// The events-and-hearings service. Public platforms, hearings, forums and trainings: registration, attendance, outcomes.
public enum EventsAndHearingsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "events-and-hearings",
        defaultPort: 8082,
        migrations: [ReferenceDataMigrations.regions]
    )
}
