import Foundation
import Models

/// `GET /api/v1/dashboard`: each logframe indicator the caller may see, with its figures over the period.
struct Dashboard: Encodable, Equatable, Sendable {
    /// The first month, `YYYY-MM`.
    var from: String
    /// The last month, `YYYY-MM`.
    var to: String
    /// Whether figures are exact (stakeholders and staff) or counts from 1 to 4 are suppressed (the public).
    var isExact: Bool
    var indicators: [DashboardIndicator]
    /// One region in detail, when asked for (or a council member's own); absent otherwise.
    var region: RegionalDashboard?
}

/// One indicator on the dashboard.
struct DashboardIndicator: Encodable, Equatable, Sendable {
    /// Whether its source service gave figures.
    enum Availability: String, Encodable, Sendable {
        /// The figures are here.
        case available
        /// The service reports no figures yet.
        case noFiguresYet = "no_figures_yet"
        /// The service is down, slow or answered badly: "not available now".
        case unavailable
    }

    var id: UUID
    var code: String
    var name: LocalizedText
    var definition: LocalizedText?
    var unit: LogframeIndicator.Unit
    var sourceIndicator: String
    var visibility: LogframeIndicator.Visibility
    var availability: Availability
    var baseline: LogframeIndicator.PeriodValue
    /// The actual over the whole period; absent unless available.
    var actual: DashboardCell?
    /// Each target whose period overlaps the dashboard's, with the actual over the overlap.
    var targets: [DashboardTarget]
    /// The actual per month of the period (the trend); empty unless available.
    var months: [DashboardPoint]
    /// The actual per region over the period, all nine; empty unless available or when region is not expected.
    var regions: [DashboardPoint]
    /// The actual per value of each disaggregation the indicator expects (but region), over the period.
    var breakdowns: [DashboardBreakdown]
}

/// A figure as the caller may see it: exact, or for the public "<5" when a count is from 1 to 4, and "x" when
/// it is hidden so that such a count beside it cannot be worked out from a total.
struct DashboardCell: Encodable, Equatable, Sendable {
    /// What a suppressed count shows instead of its value.
    static let suppressedDisplay = "<5"
    /// What a count hidden to protect a small one beside it shows.
    static let hiddenDisplay = "x"
    /// What a measure that is not a count (median days, a percentage) shows where the source has no figure.
    static let noDataDisplay = "–"

    /// The value; absent when suppressed, or when a measure that is not a count has no figure.
    var value: Double?
    /// The value as shown: the number, ``suppressedDisplay`` or ``hiddenDisplay``.
    var display: String

    /// A cell showing `value`.
    static func exact(_ value: Double) -> DashboardCell { DashboardCell(value: value, display: DashboardNumber.text(value)) }
    /// A cell whose value is hidden.
    static let suppressed = DashboardCell(value: nil, display: suppressedDisplay)
    /// A cell hidden to protect a small one.
    static let hidden = DashboardCell(value: nil, display: hiddenDisplay)
    /// A median or percentage without a figure to take it from (a count without figures is 0).
    static let noData = DashboardCell(value: nil, display: noDataDisplay)

    /// The public's cell for `value`, which suppression decided to hide: "<5" when it is small itself, else "x".
    static func hiding(_ value: Double) -> DashboardCell { SmallCellSuppression.isSmall(value) ? .suppressed : .hidden }

    /// Whether the value is hidden from the caller (rather than absent from the source).
    var isSuppressed: Bool { value == nil && display != Self.noDataDisplay }
    /// Whether the source has no figure for it.
    var hasNoData: Bool { display == Self.noDataDisplay }
}

/// A target and how far the actual has come towards it.
struct DashboardTarget: Encodable, Equatable, Sendable {
    var period: String
    var target: Double
    /// The actual over the months of the target's period that lie in the dashboard's.
    var actual: DashboardCell?
    /// The actual as a percentage of the target; absent when the actual is suppressed or the target is 0.
    var progress: Double?
    /// Whether the dashboard covers the whole target period (otherwise the actual is for part of it).
    var isWholePeriod: Bool
}

/// One value of a breakdown: a month, a region code, or a disaggregation code.
struct DashboardPoint: Encodable, Equatable, Sendable {
    var key: String
    var actual: DashboardCell
}

/// The actual per value of one disaggregation.
struct DashboardBreakdown: Encodable, Equatable, Sendable {
    var dimension: LogframeIndicator.Disaggregation
    var points: [DashboardPoint]
}

/// How dashboard numbers are written: whole numbers without a fraction, others to two decimals.
enum DashboardNumber {
    static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.2f", value)
    }
}
