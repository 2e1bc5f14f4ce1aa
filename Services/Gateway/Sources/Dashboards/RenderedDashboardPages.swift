import Foundation
import Models
import Synchronization

/// The dashboard page's content (everything inside the layout) already rendered, per dashboard and language.
///
/// Every visitor of an audience gets the same composed dashboard for ``ComposedDashboards/lifetime``, and
/// rendering it (some 40 KB of tables and SVG) costs more than everything else a view does. So its content is
/// rendered once per dashboard and language, and rendered again when the dashboard shown is another one. The
/// layout around it, with the visitor's sign-in and form token, is written for each view.
final class RenderedDashboardPages: Sendable {
    /// What the content depends on besides the dashboard itself.
    struct Key: Hashable, Sendable {
        let language: Language
        let isExact: Bool
        let from: String
        let to: String
        let isPeriodInvalid: Bool
        let canManage: Bool
        let canChooseRegion: Bool
        /// The region shown in detail, if any.
        let region: String?
    }

    /// Contents kept at once: a handful of periods × audiences × three languages.
    static let maxEntries = 192

    private struct Entry {
        let dashboard: Dashboard
        let content: String
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// The content for `key` showing `dashboard`, written by `render` unless it is kept for that very dashboard.
    ///
    /// Comparing the dashboards is cheap: a kept one is the very value ``ComposedDashboards`` hands out, whose
    /// arrays share storage, which equality checks first.
    func content(for key: Key, showing dashboard: Dashboard, render: () -> String) -> String {
        if let entry = entries.withLock({ $0[key] }), entry.dashboard == dashboard { return entry.content }
        let content = render()
        entries.withLock { entries in
            if entries.count >= Self.maxEntries { entries.removeAll() }
            entries[key] = Entry(dashboard: dashboard, content: content)
        }
        return content
    }
}
