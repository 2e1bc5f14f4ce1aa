import Foundation
import Models

/// `POST /api/v1/logframe/indicators`: a new indicator.
struct NewLogframeIndicator: Decodable {
    let code: String
    let name: LocalizedText
    let definition: LocalizedText?
    let unit: LogframeIndicator.Unit
    let sourceIndicator: String
    let disaggregations: [LogframeIndicator.Disaggregation]?
    let baseline: LogframeIndicator.PeriodValue
    let targets: [LogframeIndicator.PeriodValue]?
    let ownerId: UUID
    let visibility: LogframeIndicator.Visibility

    /// The indicator this asks for, not yet checked or saved.
    func indicator(now: Date) -> LogframeIndicator {
        LogframeIndicator(
            id: .v7(), code: code, name: name, definition: definition, unit: unit, sourceIndicator: sourceIndicator,
            disaggregations: disaggregations ?? [], baseline: baseline, targets: targets ?? [], ownerId: ownerId,
            visibility: visibility, version: 1, createdAt: now, updatedAt: now)
    }
}

/// `PATCH /api/v1/logframe/indicators/{id}`: the fields to change; absent ones stay as they are.
struct LogframeIndicatorChanges: Decodable {
    let code: String?
    let name: LocalizedText?
    let definition: LocalizedText?
    let unit: LogframeIndicator.Unit?
    let sourceIndicator: String?
    let disaggregations: [LogframeIndicator.Disaggregation]?
    let baseline: LogframeIndicator.PeriodValue?
    let ownerId: UUID?
    let visibility: LogframeIndicator.Visibility?

    /// `indicator` with these changes, not yet checked or saved.
    func applied(to indicator: LogframeIndicator) -> LogframeIndicator {
        var changed = indicator
        changed.code = code ?? indicator.code
        changed.name = name ?? indicator.name
        changed.definition = definition ?? indicator.definition
        changed.unit = unit ?? indicator.unit
        changed.sourceIndicator = sourceIndicator ?? indicator.sourceIndicator
        changed.disaggregations = disaggregations ?? indicator.disaggregations
        changed.baseline = baseline ?? indicator.baseline
        changed.ownerId = ownerId ?? indicator.ownerId
        changed.visibility = visibility ?? indicator.visibility
        return changed
    }
}

/// `PUT /api/v1/logframe/indicators/{id}/targets`: every target of the indicator, replacing the ones it had.
struct LogframeTargets: Decodable {
    let targets: [LogframeIndicator.PeriodValue]

    /// Targets in period order: years before their months (`2026` < `2026-01`), as the string order has it.
    /// Applied once they are checked, so field errors name the targets in the order the client sent them.
    static func sorted(_ targets: [LogframeIndicator.PeriodValue]) -> [LogframeIndicator.PeriodValue] {
        targets.sorted { $0.period < $1.period }
    }
}
