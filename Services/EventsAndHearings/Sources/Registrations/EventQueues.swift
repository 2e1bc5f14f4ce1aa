import Foundation

/// Lets one change to an event's registrations run at a time in this process, the others waiting their turn
/// in arrival order.
///
/// The database lock (``RegistrationRepository/lockEvent(_:on:)``) is what keeps replicas from overbooking;
/// this queue keeps a burst for one event (200 people registering at once) from holding every pooled
/// connection while they wait on that lock, which would starve every other request and time out the last
/// in the queue. Waiting here costs no connection.
actor EventQueues {
    /// Those waiting per event, first come first served; an event is in `busy` while one change runs.
    private var waiting: [UUID: [CheckedContinuation<Void, Never>]] = [:]
    private var busy: Set<UUID> = []

    /// Runs `body` when every change queued before it for `eventID` has finished.
    func run<Result: Sendable>(_ eventID: UUID, _ body: @Sendable () async throws -> Result) async throws -> Result {
        await acquire(eventID)
        defer { release(eventID) }
        return try await body()
    }

    private func acquire(_ eventID: UUID) async {
        guard busy.contains(eventID) else {
            busy.insert(eventID)
            return
        }
        await withCheckedContinuation { waiting[eventID, default: []].append($0) }
    }

    /// Hands the event to the next in line, or frees it.
    private func release(_ eventID: UUID) {
        guard var queue = waiting[eventID], !queue.isEmpty else {
            busy.remove(eventID)
            waiting[eventID] = nil
            return
        }
        let next = queue.removeFirst()
        waiting[eventID] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
