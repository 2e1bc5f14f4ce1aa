import Synchronization

/// One upstream's circuit breaker: after `failureThreshold` consecutive failures it refuses calls for
/// `pause`, then lets a single probe through; the probe's success closes it, its failure re-opens it.
///
/// A failing service is answered at once instead of tying up connections and clients for a timeout
/// each. Each upstream has its own breaker and the lock is never held across an await, so one failing
/// service never slows the routes of the others.
final class CircuitBreaker: Sendable {
    /// Whether a call may go ahead, and whether it is the probe of an open circuit.
    enum Admission: Sendable, Equatable {
        /// The circuit is closed.
        case normal
        /// The circuit was open; this call tests whether the service is back.
        case probe
    }

    private struct State {
        var consecutiveFailures = 0
        var openedAt: ContinuousClock.Instant?
        var isProbeInFlight = false
    }

    let failureThreshold: Int
    let pause: Duration
    private let state = Mutex(State())

    init(failureThreshold: Int, pause: Duration) {
        self.failureThreshold = failureThreshold
        self.pause = pause
    }

    /// Admits a call, or returns `nil` when the circuit is open.
    func admit(now: ContinuousClock.Instant = .now) -> Admission? {
        state.withLock { state in
            guard let openedAt = state.openedAt else { return .normal }
            guard now >= openedAt + pause, !state.isProbeInFlight else { return nil }
            state.isProbeInFlight = true
            return .probe
        }
    }

    /// How long until an open circuit lets a probe through, for `Retry-After`.
    func remainingPause(now: ContinuousClock.Instant = .now) -> Duration {
        state.withLock { state in
            guard let openedAt = state.openedAt else { return .zero }
            return max(.zero, openedAt + pause - now)
        }
    }

    /// The service answered: the circuit closes.
    func recordSuccess() {
        state.withLock { $0 = State() }
    }

    /// The service failed: count it, and open (or re-open) the circuit at the threshold or when a probe failed.
    func recordFailure(_ admission: Admission, now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.consecutiveFailures += 1
            if admission == .probe {
                state.isProbeInFlight = false
                state.openedAt = now
            } else if state.consecutiveFailures >= failureThreshold, state.openedAt == nil {
                state.openedAt = now
            }
        }
    }

    /// The call ended without saying anything about the service (the client left, the body was too
    /// large): a probe's slot is freed so the next call can probe.
    func recordAbandoned(_ admission: Admission) {
        guard admission == .probe else { return }
        state.withLock { $0.isProbeInFlight = false }
    }
}
