import Foundation
import Models

/// Composes the dashboard from the logframe and the services' figures: per indicator, the actual over the
/// period, by target period, month, region and disaggregation, exact or with small cells suppressed.
struct DashboardComposer {
    let period: DashboardPeriod
    /// Whether the caller sees exact figures; otherwise counts from 1 to 4 are suppressed.
    let isExact: Bool
    /// The region whose figures alone are composed, or `nil` for the whole country.
    var region: Region? = nil

    func dashboard(_ indicators: [LogframeIndicator], figures: [String: SourceFigures]) -> Dashboard {
        let ordered = indicators.sorted { $0.codeOrder.lexicographicallyPrecedes($1.codeOrder) }
        // Each source indicator's figures, grouped once however many logframe indicators it measures.
        var sums: [String: FigureSums] = [:]
        for case .figures(let all) in figures.values {
            let inRegion = region.map { region in all.filter { $0.regionCode == region.code } } ?? all
            for (name, group) in Dictionary(grouping: inRegion, by: \.indicator) { sums[name] = FigureSums(group) }
        }
        return Dashboard(
            from: period.from, to: period.to, isExact: isExact,
            indicators: ordered.map { indicator in
                let source = figures[indicator.sourceService] ?? .unavailable
                if case .figures = source { return compose(indicator, .figures([]), sums: sums[indicator.sourceIndicator] ?? FigureSums([])) }
                return compose(indicator, source, sums: FigureSums([]))
            })
    }

    private func compose(_ indicator: LogframeIndicator, _ source: SourceFigures, sums: FigureSums) -> DashboardIndicator {
        var composed = DashboardIndicator(
            id: indicator.id, code: indicator.code, name: indicator.name, definition: indicator.definition, unit: indicator.unit,
            sourceIndicator: indicator.sourceIndicator, visibility: indicator.visibility, availability: .unavailable,
            baseline: indicator.baseline, actual: nil, targets: [], months: [], regions: [], breakdowns: [])
        switch source {
        case .unavailable: return composed
        case .noFiguresYet:
            composed.availability = .noFiguresYet
            composed.targets = indicator.targets.filter(overlaps).map { target(for: $0, sums: nil, cells: nil) }
            return composed
        case .figures: composed.availability = .available
        }
        let cells = Cells(unit: indicator.unit, isExact: isExact)
        composed.actual = cells.single(cells.combine(sums.totals))

        let monthly = period.months.map { month in (month, cells.combine(sums.byMonth[month] ?? [])) }
        composed.months = cells.group(monthly)
        composed.targets = indicator.targets.filter(overlaps).map { target(for: $0, sums: sums, cells: cells) }
        // A month's target shows that month's cell, as protected with the other months.
        let monthCells = Dictionary(uniqueKeysWithValues: composed.months.map { ($0.key, $0.actual) })
        for index in composed.targets.indices {
            guard let cell = monthCells[composed.targets[index].period], cell.isSuppressed else { continue }
            composed.targets[index].actual = cell
            composed.targets[index].progress = nil
        }
        // The target periods' actuals add up to the total too when they do not overlap each other.
        if !isExact { protectTargets(&composed.targets, sums: sums, cells: cells) }

        // One region's figures by region would be that region again.
        if region == nil, indicator.disaggregations.contains(.region) {
            composed.regions = cells.group(Region.allCases.map { ($0.code, cells.combine(sums.byRegion[$0.code] ?? [])) })
        }
        for dimension in indicator.disaggregations where dimension != .region {
            let byCode = sums.byDimension[dimension] ?? [:]
            let points = Self.codes(of: dimension, hasUnknown: byCode[IndicatorDimensions.unknown] != nil).map { code in
                (code, cells.combine(byCode[code] ?? []))
            }
            composed.breakdowns.append(DashboardBreakdown(dimension: dimension, points: cells.group(points)))
        }
        return composed
    }

    private func overlaps(_ target: LogframeIndicator.PeriodValue) -> Bool {
        period.months.contains { LogframePeriod.contains(target.period, month: $0) }
    }

    private func target(for target: LogframeIndicator.PeriodValue, sums: FigureSums?, cells: Cells?) -> DashboardTarget {
        let months = period.months.filter { LogframePeriod.contains(target.period, month: $0) }
        let isWholePeriod = months.count == LogframePeriod.months(of: target.period).count
        guard let sums, let cells else {
            return DashboardTarget(period: target.period, target: target.value, actual: nil, progress: nil, isWholePeriod: isWholePeriod)
        }
        let actual = cells.combine(sums.totals(in: months))
        let cell = cells.single(actual)
        let progress = actual.flatMap { actual in
            cell.isSuppressed || target.value == 0 ? nil : (actual / target.value * 100 * 10).rounded() / 10
        }
        return DashboardTarget(period: target.period, target: target.value, actual: cell, progress: progress, isWholePeriod: isWholePeriod)
    }

    /// Hides yearly targets' actuals that, with the others, would give a hidden one back.
    private func protectTargets(_ targets: inout [DashboardTarget], sums: FigureSums, cells: Cells) {
        guard cells.suppresses else { return }
        let years = targets.indices.filter { targets[$0].period.count == 4 }
        let values = years.map { index in
            cells.combine(sums.totals(in: period.months.filter { LogframePeriod.contains(targets[index].period, month: $0) })) ?? 0
        }
        for ((index, value), isHidden) in zip(zip(years, values), SmallCellSuppression.hidden(values)) where isHidden {
            targets[index].actual = .hiding(value)
            targets[index].progress = nil
        }
    }

    /// The codes of a disaggregation, in the vocabulary's order, then `unknown` when a figure has it.
    private static func codes(of dimension: LogframeIndicator.Disaggregation, hasUnknown: Bool) -> [String] {
        let vocabulary: [String] =
            switch dimension {
            case .sex: Sex.allCases.map(\.rawValue)
            case .ageBand: AgeBand.allCases.map(\.rawValue)
            case .vulnerableGroup: VulnerableGroup.allCases.map(\.rawValue)
            case .stakeholderType: StakeholderType.allCases.map(\.rawValue)
            case .region: []
            }
        return vocabulary + (hasUnknown ? [IndicatorDimensions.unknown] : [])
    }
}

/// How figures become cells for one indicator: counts add up and are suppressed for the public; other
/// measures (a percentage, median days) are averaged, as a sum of them means nothing.
private struct Cells {
    let unit: LogframeIndicator.Unit
    let isExact: Bool

    var suppresses: Bool { !isExact && unit == .count }

    /// The figures' sum for a count (0 without any: services send only non-zero figures); otherwise their
    /// mean, or `nil` without any.
    func combine(_ values: [Double]) -> Double? {
        guard unit != .count else { return values.reduce(0, +) }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    func single(_ value: Double?) -> DashboardCell {
        guard let value else { return .noData }
        return suppresses && SmallCellSuppression.isSmall(value) ? .suppressed : .exact(value)
    }

    /// The cells of a group adding up to a shown total, protected against recovery by subtraction.
    func group(_ points: [(String, Double?)]) -> [DashboardPoint] {
        let hidden = suppresses ? SmallCellSuppression.hidden(points.map { $0.1 ?? 0 }) : points.map { _ in false }
        return zip(points, hidden).map { point, isHidden in
            guard let value = point.1 else { return DashboardPoint(key: point.0, actual: .noData) }
            return DashboardPoint(key: point.0, actual: isHidden ? .hiding(value) : .exact(value))
        }
    }
}

extension LogframeIndicator {
    /// The code's numbers, so `1.10` comes after `1.9` as a logframe reads.
    var codeOrder: [Int] { code.split(separator: ".").map { Int($0) ?? 0 } }
}
