import ServiceLifecycle
import Synchronization

/// Long-running services a service's routes need alongside the server (e.g. a client to close on shutdown).
///
/// They start with the application and, being registered before the server, are shut down only after
/// the server has stopped and in-flight requests are done.
public final class LifecycleRegistry: Sendable {
    private let services = Mutex<[any Service]>([])

    init() {}

    /// Runs `service` with the application.
    public func add(_ service: some Service) {
        services.withLock { $0.append(service) }
    }

    var registered: [any Service] { services.withLock { $0 } }
}
