import Foundation
import Models
import Synchronization
import Testing

@testable import Gateway

/// Dashboards composed once per lifetime: the first views wait for one composition, later views never wait for
/// the next, a changed logframe is composed before it is shown, and a dashboard missing a service is not kept.
@Suite struct ComposedDashboardsTests {
    static let key = ComposedDashboards.Key(isExact: false, from: "2026-01", to: "2026-02")
    static let indicators = [DashboardCompositionTests.indicator()]
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// A dashboard whose January figure is `value`, or with appeals not available.
    static func dashboard(_ value: Double?) -> Dashboard {
        let source: SourceFigures =
            value.map { .figures([.init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-C", value: $0)]) } ?? .unavailable
        return DashboardComposer(period: DashboardCompositionTests.period, isExact: true).dashboard(indicators, figures: ["appeals": source])
    }

    /// Compositions that count themselves and wait while held.
    final class Compositions: Sendable {
        let count = Atomic(0)
        let held = Mutex<AsyncStream<Void>.Continuation?>(nil)
        private let gate = Mutex<AsyncStream<Void>?>(nil)

        func compose(_ value: Double?) -> @Sendable () async -> Dashboard {
            { [self] in
                count.add(1, ordering: .sequentiallyConsistent)
                if let gate = gate.withLock({ $0 }) { for await _ in gate {} }
                return ComposedDashboardsTests.dashboard(value)
            }
        }

        func hold() {
            let (stream, continuation) = AsyncStream<Void>.makeStream()
            gate.withLock { $0 = stream }
            held.withLock { $0 = continuation }
        }

        func release() {
            gate.withLock { $0 = nil }
            held.withLock { $0?.finish() }
        }
    }

    /// What `view` shows, or `nil` when it is still waiting after `bound` (it is left to finish when released).
    static func shown(within bound: Duration, _ view: @escaping @Sendable () async -> Dashboard) async throws -> Dashboard? {
        let shown = Mutex<Dashboard?>(nil)
        Task {
            let dashboard = await view()
            shown.withLock { $0 = dashboard }
        }
        let deadline = ContinuousClock.now + bound
        while ContinuousClock.now < deadline {
            if let dashboard = shown.withLock({ $0 }) { return dashboard }
            try await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    @Test func theFirstViewsWaitForOneCompositionAndLaterOnesNeverWaitForTheNext() async throws {
        let composed = ComposedDashboards()
        let compositions = Compositions()
        let first = await withTaskGroup(of: Dashboard.self) { group in
            for _ in 0..<8 {
                group.addTask { await composed.dashboard(for: Self.key, indicators: Self.indicators, now: Self.start, compose: compositions.compose(1)) }
            }
            return await group.reduce(into: [Dashboard]()) { $0.append($1) }
        }
        #expect(Set(first.map { $0.indicators[0].actual?.display }) == ["1"])
        #expect(compositions.count.load(ordering: .sequentiallyConsistent) == 1)

        // Past the lifetime the next composition is slow: views meanwhile get the last one composed, at once.
        compositions.hold()
        for second in [11.0, 12, 15] {
            let view = try await Self.shown(within: .seconds(60)) {
                await composed.dashboard(for: Self.key, indicators: Self.indicators, now: Self.start + second, compose: compositions.compose(2))
            }
            #expect(view?.indicators[0].actual?.display == "1")
        }
        for _ in 0..<1000 where compositions.count.load(ordering: .sequentiallyConsistent) < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(compositions.count.load(ordering: .sequentiallyConsistent) == 2)

        compositions.release()
        var shown = "1"
        for _ in 0..<1000 where shown == "1" {
            shown =
                await composed.dashboard(for: Self.key, indicators: Self.indicators, now: Self.start + 16, compose: compositions.compose(3))
                .indicators[0].actual?.display ?? ""
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(shown == "2")
        #expect(compositions.count.load(ordering: .sequentiallyConsistent) == 2)
    }

    @Test func aChangedLogframeIsComposedBeforeItIsShown() async throws {
        let composed = ComposedDashboards()
        let compositions = Compositions()
        _ = await composed.dashboard(for: Self.key, indicators: Self.indicators, now: Self.start, compose: compositions.compose(1))
        var changed = Self.indicators
        changed[0].version += 1
        let view = await composed.dashboard(for: Self.key, indicators: changed, now: Self.start + 1, compose: compositions.compose(2))
        #expect(view.indicators[0].actual?.display == "2")
    }

    @Test func aDashboardMissingAServiceIsNotKept() async throws {
        let composed = ComposedDashboards()
        let compositions = Compositions()
        let missing = await composed.dashboard(for: Self.key, indicators: Self.indicators, now: Self.start, compose: compositions.compose(nil))
        #expect(missing.indicators[0].availability == .unavailable)
        let answered = await composed.dashboard(for: Self.key, indicators: Self.indicators, now: Self.start + 1, compose: compositions.compose(4))
        #expect(answered.indicators[0].actual?.display == "4")
    }
}
