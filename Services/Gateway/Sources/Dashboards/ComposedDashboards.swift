import Foundation
import Models
import Synchronization

/// Dashboards already composed, per audience and period, with the logframe they were composed from.
///
/// Composing a year of a million appeals' figures takes far longer than showing it, and every visitor of an
/// audience sees the same dashboard. So a dashboard is composed once per ``lifetime``: callers that come
/// while it is composed wait for that one composition, and once it is older than ``lifetime`` callers get it
/// at once while one composition of the next runs. A changed logframe is composed again before it is shown,
/// and a dashboard with a service "not available now" is never kept, so that service's figures show the
/// moment it answers again.
final class ComposedDashboards: Sendable {
    /// How long a composed dashboard is shown before the next is composed: its figures are then at most this
    /// much older than the services' answers (``IndicatorSources`` keeps those 30 s).
    static let lifetime: TimeInterval = 10
    /// Audiences × periods kept at once; visitors ask for a handful.
    static let maxEntries = 64

    struct Key: Hashable, Sendable {
        let isExact: Bool
        let from: String
        let to: String
        /// The region in detail, or `nil` for the whole country.
        var region: Region? = nil
    }

    private struct Entry {
        var indicators: [LogframeIndicator]
        var composition: Task<Dashboard, Never>
        var startedAt: Date
        /// The last one composed for these indicators, shown while the next is composed.
        var previous: Dashboard?
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// The dashboard for `key` over `indicators`, composed by `compose` when none is fresh.
    func dashboard(for key: Key, indicators: [LogframeIndicator], now: Date, compose: @escaping @Sendable () async -> Dashboard) async -> Dashboard {
        enum Next {
            case wait(Task<Dashboard, Never>)
            case show(Dashboard)
        }
        let next: Next = entries.withLock { entries in
            if let entry = entries[key], entry.indicators == indicators {
                if now.timeIntervalSince(entry.startedAt) < Self.lifetime { return .wait(entry.composition) }
                // Stale: the next is composed once, and meanwhile the last one composed is shown.
                let refreshed = Entry(indicators: indicators, composition: Task { await compose() }, startedAt: now, previous: entry.previous)
                entries[key] = refreshed
                return entry.previous.map { .show($0) } ?? .wait(refreshed.composition)
            }
            if entries.count >= Self.maxEntries { entries.removeAll() }
            let entry = Entry(indicators: indicators, composition: Task { await compose() }, startedAt: now, previous: nil)
            entries[key] = entry
            return .wait(entry.composition)
        }
        switch next {
        case .show(let dashboard):
            return dashboard
        case .wait(let composition):
            return remember(await composition.value, for: key, indicators: indicators)
        }
    }

    /// Keeps `dashboard` to show while the next is composed, unless a service was not available for it; returns
    /// the one to show: the one kept already when it is the same, so that what is kept per dashboard (the
    /// rendered page) sees the very value it was made from and compares it at once.
    private func remember(_ dashboard: Dashboard, for key: Key, indicators: [LogframeIndicator]) -> Dashboard {
        let isComplete = !dashboard.indicators.contains { $0.availability == .unavailable }
        return entries.withLock { entries in
            guard var entry = entries[key], entry.indicators == indicators else { return dashboard }
            guard isComplete else {
                // Not kept: the next caller composes again (the sources' own back-off spares the service).
                entries[key] = nil
                return dashboard
            }
            if let previous = entry.previous, previous == dashboard { return previous }
            entry.previous = dashboard
            entries[key] = entry
            return dashboard
        }
    }
}
