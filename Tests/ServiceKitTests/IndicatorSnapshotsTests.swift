import Foundation
import Models
import NIOCore
import ServiceKit
import Synchronization
import TestSupport
import Testing

struct IndicatorSnapshotsTests {
    /// Counts computations and answers with the count, so a test sees which computation an answer came from.
    final class Counter: Sendable {
        let computations = Atomic(0)

        func compute() async throws -> [IndicatorFigure] {
            let number = computations.add(1, ordering: .relaxed).newValue
            try await Task.sleep(for: .milliseconds(50))
            return [IndicatorFigure(indicator: "test.computations", period: "2026-01", regionCode: "KG-N", value: Double(number))]
        }
    }

    static func value(_ body: ByteBuffer) throws -> Double {
        try JSONDecoder().decode(IndicatorFigures.self, from: Data(body.readableBytesView)).items[0].value
    }

    @Test func anAnswerIsComputedOncePerLifetimeAndPeriodWhileCallersShareIt() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_780_000_000))
        let snapshots = IndicatorSnapshots { clock.now }
        let counter = Counter()
        // Eight callers at once: one computation.
        let values = try await withThrowingTaskGroup(of: Double.self) { group in
            for _ in 0..<8 { group.addTask { try Self.value(try await snapshots.answer(for: "2026-01/2026-12", compute: counter.compute)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 8))
        // Within the lifetime the same answer; another period is its own.
        clock.set(clock.now.addingTimeInterval(IndicatorSnapshots.lifetime - 1))
        #expect(try Self.value(try await snapshots.answer(for: "2026-01/2026-12", compute: counter.compute)) == 1)
        #expect(try Self.value(try await snapshots.answer(for: "2025-01/2025-12", compute: counter.compute)) == 2)
        // Once the lifetime has passed, computed again.
        clock.set(clock.now.addingTimeInterval(1))
        #expect(try Self.value(try await snapshots.answer(for: "2026-01/2026-12", compute: counter.compute)) == 3)
    }

    @Test func aFailedComputationIsNotKept() async throws {
        struct Unavailable: Error {}
        let snapshots = IndicatorSnapshots { Date(timeIntervalSince1970: 1_780_000_000) }
        await #expect(throws: Unavailable.self) { try await snapshots.answer(for: "p") { throw Unavailable() } }
        let counter = Counter()
        #expect(try Self.value(try await snapshots.answer(for: "p", compute: counter.compute)) == 1)
    }
}
