import ServiceLifecycle
import Synchronization

/// Long-running services a service's routes need alongside the server (e.g. a client to close on shutdown),
/// and what must happen as soon as the service begins to stop.
///
/// The services start with the application and, being registered before the server, are shut down only
/// after the server has stopped and in-flight requests are done.
public final class LifecycleRegistry: Sendable {
    private let services = Mutex<[any Service]>([])
    private let shutdownActions = Mutex<[@Sendable () -> Void]>([])

    init() {}

    /// Runs `service` with the application.
    public func add(_ service: some Service) {
        services.withLock { $0.append(service) }
    }

    /// Runs `action` as soon as the service begins to stop, before the server waits for in-flight requests:
    /// for responses that never end by themselves (live streams), which the server would otherwise wait for
    /// forever.
    public func onShutdownBegins(_ action: @escaping @Sendable () -> Void) {
        shutdownActions.withLock { $0.append(action) }
    }

    var registered: [any Service] { services.withLock { $0 } }

    /// Lets the registered services close what they hold when the service will never run: each runs as if told
    /// to stop at once (cancelled, which their wait for the graceful shutdown takes as the signal).
    func closeUnstarted() async {
        await withTaskGroup(of: Void.self) { group in
            for service in registered {
                group.addTask { try? await service.run() }
            }
            group.cancelAll()
        }
    }

    /// Runs the actions given to ``onShutdownBegins(_:)``.
    func shutdownBegins() {
        for action in shutdownActions.withLock({ $0 }) { action() }
    }
}
