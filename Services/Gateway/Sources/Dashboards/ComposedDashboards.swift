import Foundation
import Models
import Synchronization

/// Dashboards already composed, per audience and period, with the logframe they were composed from.
///
/// Composing a year of a million appeals' figures takes far longer than showing it (the services' answers
/// alone, when ``IndicatorSources`` asks again, take a good part of a second), and every visitor of an audience
/// sees the same dashboard. So a dashboard is composed once per ``lifetime``, and views never wait for a
/// composition once one is kept: they get the last one composed while the next is composed. Only the first
/// views of an audience and period wait, for that one composition. A changed logframe is composed again before
/// it is shown, and a dashboard with a service "not available now" is never kept, so that service's figures
/// show the moment it answers again.
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
        /// The composition begun last, finished or not.
        var composition: Task<Dashboard, Never>
        var startedAt: Date
        /// The last one composed for these indicators, shown until the next is.
        var latest: Dashboard?
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// The dashboard for `key` over `indicators`, composed by `compose` when none is fresh.
    func dashboard(for key: Key, indicators: [LogframeIndicator], now: Date, compose: @escaping @Sendable () async -> Dashboard) async -> Dashboard {
        enum Next {
            case wait(Task<Dashboard, Never>)
            case show(Dashboard)
        }
        let next: Next = entries.withLock { entries in
            if var entry = entries[key], entry.indicators == indicators {
                if now.timeIntervalSince(entry.startedAt) >= Self.lifetime {
                    // Stale: the next is composed once, and meanwhile the last one composed is shown.
                    entry.composition = composition(for: key, indicators: indicators, compose: compose)
                    entry.startedAt = now
                    entries[key] = entry
                }
                return entry.latest.map { .show($0) } ?? .wait(entry.composition)
            }
            if entries.count >= Self.maxEntries { entries.removeAll() }
            let composition = composition(for: key, indicators: indicators, compose: compose)
            entries[key] = Entry(indicators: indicators, composition: composition, startedAt: now, latest: nil)
            return .wait(composition)
        }
        switch next {
        case .show(let dashboard): return dashboard
        case .wait(let composition): return await composition.value
        }
    }

    /// A composition that keeps what it composed for the views after it.
    private func composition(
        for key: Key, indicators: [LogframeIndicator], compose: @escaping @Sendable () async -> Dashboard
    ) -> Task<Dashboard, Never> {
        Task { remember(await compose(), for: key, indicators: indicators) }
    }

    /// Keeps `dashboard` to show until the next is composed, unless a service was not available for it; returns
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
            if let latest = entry.latest, latest == dashboard { return latest }
            entry.latest = dashboard
            entries[key] = entry
            return dashboard
        }
    }
}
