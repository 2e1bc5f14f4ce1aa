import Models
import ServiceKit

/// The events-and-hearings service. Public platforms, hearings, forums and trainings: registration, attendance, outcomes.
public enum EventsAndHearingsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.eventsAndHearings,
        migrations: [ReferenceDataMigrations.regions]
    )
}
