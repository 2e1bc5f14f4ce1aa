import Models
import Persistence
import ServiceKit

/// The broadcasts service. Live broadcasts with the Ombudsman and experts: shows, their episodes and
/// states, the guests on air, who may run and read them.
public enum BroadcastsService {
    /// The service's name, port, migrations and routes.
    public static let definition = ServiceDefinition(
        service: ServiceCatalog.broadcasts,
        migrations: BroadcastsMigrations.all,
        openAPIResource: PackageResources.openapi_json,
        generatedSecrets: [
            GeneratedSecret(setting: QuestionSecrets.encryptionKeysSetting, fileName: "broadcasts-encryption") { "local1:" + $0 },
            GeneratedSecret(setting: QuestionSecrets.questionKeySetting, fileName: "broadcasts-question"),
        ],
        registerRoutes: { router, dependencies in
            let components = try BroadcastsComponents(dependencies)
            // A stream never ends by itself, and the server waits for open responses: they end as stopping begins,
            // and their clients reconnect (to another replica) with `Last-Event-ID`.
            dependencies.lifecycle.onShutdownBegins { [signal = components.liveSignal] in signal.finishAll() }
            if case .postgres(let url) = dependencies.settings.database {
                // Replicas wake one another's live streams.
                let signal = components.liveSignal
                dependencies.lifecycle.add(LiveNotifications(url: url, signal: signal, logger: dependencies.logger))
                signal.forward { [database = dependencies.database] in await LiveNotifications.notify($0, on: database) }
            }
            registerRoutes(on: router, components)
        }
    )

    /// Every route of the service, one controller per aggregate.
    static func registerRoutes(on router: ServiceRouter, _ components: BroadcastsComponents) {
        ShowController(components).register(on: router)
        GuestController(components).register(on: router)
        EpisodeController(components).register(on: router)
        QuestionController(components).register(on: router)
        UpvoteController(components).register(on: router)
        LiveController(components).register(on: router)
        ScheduleController(components).register(on: router)
        BroadcastIndicatorController(components).register(on: router)
        AnswerController(components).register(on: router)
        ExportController(components).register(on: router)
    }
}
