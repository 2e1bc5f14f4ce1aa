import Synchronization

/// One upstream's circuit breaker: it opens when at least half of the calls in the last ten seconds failed,
/// once there were at least `minimumCalls` of them; an open circuit refuses calls for `pause`, then lets a
/// single probe through, whose success closes it and whose failure re-opens it.
///
/// A failing service is answered at once instead of tying up connections and clients for a timeout
/// each. Only the service's failures count (no connection, no answer in time, a 5xx of its own): the
/// proxy records a call a client abandoned or spoiled as neither success nor failure, so no client can
/// switch a service off. A rate over a minimum volume, not a streak, so a few failures among many
/// successes never open it. Each upstream has its own breaker and the lock is never held across an
/// await, so one failing service never slows the routes of the others.
final class CircuitBreaker: Sendable {
    /// Whether a call may go ahead, and whether it is the probe of an open circuit.
    enum Admission: Sendable, Equatable {
        /// The circuit is closed.
        case normal
        /// The circuit was open; this call tests whether the service is back.
        case probe
    }

    /// How far back calls count.
    static let window: Duration = .seconds(10)
    /// The share of failed calls in the window that opens the circuit.
    static let failureRateToOpen = 0.5
    /// The window is counted in this many slots; the oldest slot's calls leave it together.
    static let slotCount = 10

    private struct Slot {
        var number = -1
        var calls = 0
        var failures = 0
    }

    private struct State {
        var slots = Array(repeating: Slot(), count: CircuitBreaker.slotCount)
        var openedAt: ContinuousClock.Instant?
        var isProbeInFlight = false
    }

    /// Calls in the window below which the circuit stays closed, whatever their outcome.
    let minimumCalls: Int
    let pause: Duration
    private let epoch: ContinuousClock.Instant
    private let state = Mutex(State())

    init(minimumCalls: Int, pause: Duration, now: ContinuousClock.Instant = .now) {
        self.minimumCalls = minimumCalls
        self.pause = pause
        epoch = now
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

    /// The service answered: counted, and a probe's success closes the circuit with a fresh window.
    func recordSuccess(_ admission: Admission, now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            if admission == .probe {
                state = State()
            } else {
                record(&state, isFailure: false, now: now)
            }
        }
    }

    /// The service failed: counted, opening the circuit when the window's failure rate reaches the
    /// threshold; a probe's failure re-opens it at once.
    func recordFailure(_ admission: Admission, now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            if admission == .probe {
                state.isProbeInFlight = false
                state.openedAt = now
                return
            }
            record(&state, isFailure: true, now: now)
            guard state.openedAt == nil else { return }
            let current = slotNumber(now)
            let counted = state.slots.filter { $0.number > current - Self.slotCount }
            let calls = counted.reduce(0) { $0 + $1.calls }
            let failures = counted.reduce(0) { $0 + $1.failures }
            if calls >= minimumCalls, Double(failures) >= Double(calls) * Self.failureRateToOpen {
                state.openedAt = now
            }
        }
    }

    /// The call ended without saying anything about the service (the client left, its body was too
    /// large or broken): nothing is counted, and a probe's slot is freed so the next call can probe.
    func recordAbandoned(_ admission: Admission) {
        guard admission == .probe else { return }
        state.withLock { $0.isProbeInFlight = false }
    }

    private func slotNumber(_ now: ContinuousClock.Instant) -> Int {
        Int((now - epoch) / (Self.window / Self.slotCount))
    }

    private func record(_ state: inout State, isFailure: Bool, now: ContinuousClock.Instant) {
        let number = slotNumber(now)
        let index = number % Self.slotCount
        if state.slots[index].number != number { state.slots[index] = Slot(number: number) }
        state.slots[index].calls += 1
        if isFailure { state.slots[index].failures += 1 }
    }
}
