import Configuration
import ServiceKit

/// The events-and-hearings service. Public platforms, hearings, forums and trainings: registration, attendance, outcomes.
public enum EventsAndHearingsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        name: "events-and-hearings",
        defaultPort: 8082,
        migrations: [ReferenceDataMigrations.regions]
    )

    /// Builds the service from configuration; see ``ServiceInstance/build(_:reader:onServerRunning:)``.
    public static func buildApplication(
        reader: ConfigReader,
        onServerRunning: (@Sendable (Int) async -> Void)? = nil
    ) async throws -> ServiceInstance {
        try await ServiceInstance.build(definition, reader: reader, onServerRunning: onServerRunning)
    }
}
