import Foundation
import Models

/// Composes the dashboard from the logframe and the services' figures: per indicator, the actual over the
/// period, by target period, month, region and disaggregation, exact or with small cells suppressed.
struct DashboardComposer {
    let period: DashboardPeriod
    /// Whether the caller sees exact figures; otherwise counts from 1 to 4 are suppressed.
    let isExact: Bool

    func dashboard(_ indicators: [LogframeIndicator], figures: [String: SourceFigures]) -> Dashboard {
        let ordered = indicators.sorted { $0.codeOrder.lexicographicallyPrecedes($1.codeOrder) }
        return Dashboard(
            from: period.from, to: period.to, isExact: isExact,
            indicators: ordered.map { compose($0, figures[$0.sourceService] ?? .unavailable) })
    }

    private func compose(_ indicator: LogframeIndicator, _ source: SourceFigures) -> DashboardIndicator {
        var composed = DashboardIndicator(
            id: indicator.id, code: indicator.code, name: indicator.name, definition: indicator.definition, unit: indicator.unit,
            sourceIndicator: indicator.sourceIndicator, visibility: indicator.visibility, availability: .unavailable,
            baseline: indicator.baseline, actual: nil, targets: [], months: [], regions: [], breakdowns: [])
        let figures: [IndicatorFigure]
        switch source {
        case .unavailable: return composed
        case .noFiguresYet:
            composed.availability = .noFiguresYet
            composed.targets = indicator.targets.filter(overlaps).map { target(for: $0, monthly: nil) }
            return composed
        case .figures(let all): figures = all.filter { $0.indicator == indicator.sourceIndicator }
        }
        composed.availability = .available
        let cells = Cells(unit: indicator.unit, isExact: isExact)
        let totals = figures.filter { $0.dimensions == IndicatorDimensions() }
        let total = cells.combine(totals.map(\.value))
        composed.actual = cells.single(total)

        let monthly = period.months.map { month in (month, cells.combine(totals.filter { $0.period == month }.map(\.value))) }
        composed.months = cells.group(monthly)
        composed.targets = indicator.targets.filter(overlaps).map { target(for: $0, monthly: monthly) }
        // A month's target shows that month's cell, as protected with the other months.
        let monthCells = Dictionary(uniqueKeysWithValues: composed.months.map { ($0.key, $0.actual) })
        for index in composed.targets.indices {
            guard let cell = monthCells[composed.targets[index].period], cell.isSuppressed else { continue }
            composed.targets[index].actual = cell
            composed.targets[index].progress = nil
        }
        // The target periods' actuals add up to the total too when they do not overlap each other.
        if !isExact { protectTargets(&composed.targets, monthly: monthly, cells: cells) }

        if indicator.disaggregations.contains(.region) {
            let byRegion = Region.allCases.map { region in (region.code, cells.combine(totals.filter { $0.regionCode == region.code }.map(\.value))) }
            composed.regions = cells.group(byRegion)
        }
        for dimension in indicator.disaggregations where dimension != .region {
            let values = Self.codes(of: dimension, in: figures)
            let points = values.map { value in
                (value, cells.combine(figures.filter { Self.onlyDimension(of: $0) == dimension && Self.code(of: dimension, in: $0) == value }.map(\.value)))
            }
            composed.breakdowns.append(DashboardBreakdown(dimension: dimension, points: cells.group(points)))
        }
        return composed
    }

    private func overlaps(_ target: LogframeIndicator.PeriodValue) -> Bool {
        period.months.contains { LogframePeriod.contains(target.period, month: $0) }
    }

    private func target(for target: LogframeIndicator.PeriodValue, monthly: [(String, Double)]?) -> DashboardTarget {
        guard let monthly else {
            return DashboardTarget(period: target.period, target: target.value, actual: nil, progress: nil, isWholePeriod: false)
        }
        let inPeriod = monthly.filter { LogframePeriod.contains(target.period, month: $0.0) }
        let actual = inPeriod.reduce(0) { $0 + $1.1 }
        let cell = isExact || !SmallCellSuppression.isSmall(actual) ? DashboardCell.exact(actual) : .suppressed
        return DashboardTarget(
            period: target.period, target: target.value, actual: cell,
            progress: cell.isSuppressed || target.value == 0 ? nil : (actual / target.value * 100 * 10).rounded() / 10,
            isWholePeriod: inPeriod.count == LogframePeriod.months(of: target.period).count)
    }

    /// Hides yearly targets' actuals that, with the others, would give a hidden one back.
    private func protectTargets(_ targets: inout [DashboardTarget], monthly: [(String, Double)], cells: Cells) {
        guard cells.suppresses else { return }
        let years = targets.indices.filter { targets[$0].period.count == 4 }
        let values = years.map { index in monthly.filter { LogframePeriod.contains(targets[index].period, month: $0.0) }.reduce(0) { $0 + $1.1 } }
        for ((index, value), isHidden) in zip(zip(years, values), SmallCellSuppression.hidden(values)) where isHidden {
            targets[index].actual = .hiding(value)
            targets[index].progress = nil
        }
    }

    /// The one disaggregation a figure is for, if it is for exactly one of the platform's.
    private static func onlyDimension(of figure: IndicatorFigure) -> LogframeIndicator.Disaggregation? {
        let set = LogframeIndicator.Disaggregation.allCases.filter { $0 != .region && code(of: $0, in: figure) != nil }
        return set.count == 1 ? set[0] : nil
    }

    private static func code(of dimension: LogframeIndicator.Disaggregation, in figure: IndicatorFigure) -> String? {
        switch dimension {
        case .sex: figure.dimensions.sex
        case .ageBand: figure.dimensions.ageBand
        case .vulnerableGroup: figure.dimensions.vulnerableGroup
        case .stakeholderType: figure.dimensions.stakeholderType
        case .region: nil
        }
    }

    /// The codes of a disaggregation, in the vocabulary's order, then `unknown` when a figure has it.
    private static func codes(of dimension: LogframeIndicator.Disaggregation, in figures: [IndicatorFigure]) -> [String] {
        let vocabulary: [String] =
            switch dimension {
            case .sex: Sex.allCases.map(\.rawValue)
            case .ageBand: AgeBand.allCases.map(\.rawValue)
            case .vulnerableGroup: VulnerableGroup.allCases.map(\.rawValue)
            case .stakeholderType: StakeholderType.allCases.map(\.rawValue)
            case .region: []
            }
        let hasUnknown = figures.contains { code(of: dimension, in: $0) == IndicatorDimensions.unknown }
        return vocabulary + (hasUnknown ? [IndicatorDimensions.unknown] : [])
    }
}

/// How figures become cells for one indicator: counts add up and are suppressed for the public; other
/// measures (a percentage, median days) are averaged, as a sum of them means nothing.
private struct Cells {
    let unit: LogframeIndicator.Unit
    let isExact: Bool

    var suppresses: Bool { !isExact && unit == .count }

    func combine(_ values: [Double]) -> Double {
        guard unit != .count else { return values.reduce(0, +) }
        return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    func single(_ value: Double) -> DashboardCell {
        suppresses && SmallCellSuppression.isSmall(value) ? .suppressed : .exact(value)
    }

    /// The cells of a group adding up to a shown total, protected against recovery by subtraction.
    func group(_ points: [(String, Double)]) -> [DashboardPoint] {
        let hidden = suppresses ? SmallCellSuppression.hidden(points.map(\.1)) : points.map { _ in false }
        return zip(points, hidden).map { point, isHidden in DashboardPoint(key: point.0, actual: isHidden ? .hiding(point.1) : .exact(point.1)) }
    }
}

extension LogframeIndicator {
    /// The code's numbers, so `1.10` comes after `1.9` as a logframe reads.
    var codeOrder: [Int] { code.split(separator: ".").map { Int($0) ?? 0 } }
}
