import Foundation
import Models
import NIOCore
import Synchronization

/// `GET /internal/indicators` answers, kept encoded for ``lifetime`` seconds per period.
///
/// A year of a service's figures is tens of thousands of them: reading and writing them costs a few
/// hundred milliseconds of CPU (Benchmarks/README.md, "Indicators"), while dashboards ask for the same
/// year again and again and need figures minutes fresh, not milliseconds. So each period's answer is
/// computed once per ``lifetime`` on each replica, however often it is asked for and however many
/// changes happen meanwhile: callers that ask while it is computed wait for that one computation. Time
/// is the service's clock, so tests see the lifetime pass by moving it.
public final class IndicatorSnapshots: Sendable {
    /// How long an answer is served before it is computed again: the figures' greatest age.
    public static let lifetime: TimeInterval = 30
    /// Periods kept at once; dashboards ask for a handful (this year, last year, a quarter).
    static let maxPeriods = 16

    private struct Snapshot {
        var body: Task<ByteBuffer, any Error>
        var computedAt: Date
    }

    private let now: @Sendable () -> Date
    private let snapshots = Mutex<[String: Snapshot]>([:])

    /// Snapshots timed by `now`, the service's clock.
    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The answer for `key` (the period, and anything else the figures depend on): the snapshot, or
    /// `compute()`'s figures, encoded and kept. A failed computation is not kept.
    public func answer(for key: String, compute: @escaping @Sendable () async throws -> [IndicatorFigure]) async throws -> ByteBuffer {
        let now = now()
        let body = snapshots.withLock { snapshots in
            if let snapshot = snapshots[key], now.timeIntervalSince(snapshot.computedAt) < Self.lifetime { return snapshot.body }
            if snapshots.count >= Self.maxPeriods {
                snapshots = snapshots.filter { now.timeIntervalSince($0.value.computedAt) < Self.lifetime }
                if snapshots.count >= Self.maxPeriods { snapshots.removeAll() }
            }
            let body = Task { IndicatorFigures(items: try await compute()).encodedJSON() }
            snapshots[key] = Snapshot(body: body, computedAt: now)
            return body
        }
        do {
            return try await body.value
        } catch {
            snapshots.withLock { snapshots in
                if let snapshot = snapshots[key], snapshot.computedAt == now { snapshots[key] = nil }
            }
            throw error
        }
    }
}
