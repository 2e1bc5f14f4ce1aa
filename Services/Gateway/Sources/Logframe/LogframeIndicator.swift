import Foundation
import Models

/// One indicator of the programme's logframe: what is measured, from which service's figures, against
/// which baseline and targets, and who may see it. The dashboards compose it with the services' figures.
struct LogframeIndicator: Codable, Equatable, Sendable {
    /// How the indicator's values are measured; IATI's result measure follows from it.
    enum Unit: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
        /// A number of things (appeals, people, hearings).
        case count
        /// A share, from 0 to 100.
        case percentage
        /// A duration in days (the median days to answer an appeal).
        case days
    }

    /// Who may see the indicator and its figures.
    enum Visibility: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
        /// Everyone, on the public dashboard, with small cells suppressed.
        case `public`
        /// Stakeholders and staff only.
        case stakeholders
    }

    /// A disaggregation the indicator's figures are expected to come with (DESIGN.md §8).
    enum Disaggregation: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
        case sex
        case ageBand
        case vulnerableGroup
        case stakeholderType
        case region
    }

    /// A value in a period: the baseline, or a target.
    struct PeriodValue: Codable, Equatable, Sendable {
        /// `YYYY` or `YYYY-MM` (``LogframePeriod``).
        var period: String
        var value: Double
    }

    var id: UUID
    /// The logframe's numbering, such as `1.2`; unique.
    var code: String
    var name: LocalizedText
    var definition: LocalizedText?
    var unit: Unit
    /// The service figure it is measured by, `<service>.<what>` (`appeals.received`).
    var sourceIndicator: String
    var disaggregations: [Disaggregation]
    var baseline: PeriodValue
    /// Targets by period, in period order.
    var targets: [PeriodValue]
    /// The organisation in the directory that answers for the indicator.
    var ownerId: UUID
    var visibility: Visibility
    var version: Int
    var createdAt: Date
    var updatedAt: Date

    /// The ETag of this version, for `If-Match`.
    var eTag: String { "\"\(version)\"" }

    /// The service whose figures measure the indicator: the part of ``sourceIndicator`` before the dot.
    var sourceService: String { String(sourceIndicator.prefix { $0 != "." }) }
}
