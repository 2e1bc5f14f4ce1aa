import Synchronization

/// Whether a service should receive traffic: migrations applied and not shutting down.
///
/// The database check is made per probe by ``OperationalRoutes``; this holds the rest.
public final class Readiness: Sendable {
    private struct State {
        var isMigrated = false
        var isDraining = false
    }

    private let state = Mutex(State())

    /// Creates a readiness that is not ready until ``markMigrated()``.
    public init() {}

    /// Migrations are applied; the service can serve once its database answers.
    public func markMigrated() {
        state.withLock { $0.isMigrated = true }
    }

    /// Shutdown began: `/ready` turns 503 so load balancers stop sending new requests.
    public func beginDraining() {
        state.withLock { $0.isDraining = true }
    }

    /// Whether migrations are applied.
    public var isMigrated: Bool { state.withLock { $0.isMigrated } }
    /// Whether the service is shutting down.
    public var isDraining: Bool { state.withLock { $0.isDraining } }
}
