import Foundation
import Models

/// The dashboard page's values for its template (`dashboard.mustache`): tables of the figures and the
/// geometry of the server-drawn SVG charts beside them, in the visitor's language.
struct DashboardPage {
    /// The catalogue keys this code looks up itself (the template's own `{{t.…}}` are checked from the template).
    static let catalogueKeys = [
        "dashboard_by_sex", "dashboard_by_age_band", "dashboard_by_vulnerable_group", "dashboard_by_stakeholder_type", "dashboard_unknown",
    ]
    /// The chart's drawing height in SVG units; bars scale to the tallest.
    static let chartHeight = 120.0
    /// One month's slot in the trend chart, in SVG units.
    static let monthWidth = 40.0
    /// A tile of the map, in SVG units, and the tile map's layout: columns and rows, west to east, north to south.
    static let tileWidth = 112.0
    static let tileHeight = 64.0
    static let tiles: [(Region, column: Int, row: Int)] = [
        (.talas, 1, 0), (.chuy, 2, 0), (.bishkek, 3, 0), (.issykKul, 4, 0),
        (.batken, 0, 1), (.osh, 1, 1), (.oshCity, 2, 1), (.jalalAbad, 3, 1), (.naryn, 4, 1),
    ]
    /// Shades of the tile map, from none to most.
    static let shades = 4

    let dashboard: Dashboard
    let language: Language
    let texts: [String: String]

    var values: [String: Any] {
        [
            "isExact": dashboard.isExact, "from": dashboard.from, "to": dashboard.to,
            "csvHref": "/api/v1/dashboard.csv?from=\(dashboard.from)&to=\(dashboard.to)",
            "indicators": dashboard.indicators.enumerated().map { indicator($1, index: $0) },
        ]
    }

    private func indicator(_ indicator: DashboardIndicator, index: Int) -> [String: Any] {
        var values: [String: Any] = [
            "anchor": index + 1, "code": indicator.code, "name": indicator.name.text(preferring: [language]),
            "isUnavailable": indicator.availability == .unavailable, "hasNoFigures": indicator.availability == .noFiguresYet,
            "hasFigures": indicator.availability == .available,
            "baselinePeriod": indicator.baseline.period, "baselineValue": DashboardNumber.text(indicator.baseline.value),
            "targets": indicator.targets.map(target),
            "months": months(indicator.months),
        ]
        values["definition"] = indicator.definition?.text(preferring: [language])
        values["actual"] = indicator.actual?.display
        if !indicator.regions.isEmpty { values["regions"] = regions(indicator.regions) }
        values["breakdowns"] = indicator.breakdowns.map(breakdown)
        return values
    }

    private func target(_ target: DashboardTarget) -> [String: Any] {
        var values: [String: Any] = ["period": target.period, "target": DashboardNumber.text(target.target), "isPartial": !target.isWholePeriod]
        values["actual"] = target.actual?.display
        if let progress = target.progress {
            values["progress"] = DashboardNumber.text(progress)
            // The bar shows up to the target; beyond it, the number says how far.
            values["progressWidth"] = DashboardNumber.text(min(progress, 100))
        }
        return values
    }

    /// The trend: one bar per month, scaled to the largest, with a marker for a suppressed month.
    private func months(_ points: [DashboardPoint]) -> [String: Any] {
        let largest = max(points.compactMap(\.actual.value).max() ?? 0, 1)
        let bars: [[String: Any]] = points.enumerated().map { index, point in
            let height = (point.actual.value ?? 0) / largest * Self.chartHeight
            return [
                "month": point.key, "display": point.actual.display, "isSuppressed": point.actual.isSuppressed,
                "x": DashboardNumber.text(Double(index) * Self.monthWidth + 2), "width": DashboardNumber.text(Self.monthWidth - 4),
                "y": DashboardNumber.text(Self.chartHeight - height), "height": DashboardNumber.text(height),
                "markerY": DashboardNumber.text(Self.chartHeight - 6),
            ]
        }
        return ["bars": bars, "width": DashboardNumber.text(max(Double(points.count), 12) * Self.monthWidth), "height": DashboardNumber.text(Self.chartHeight)]
    }

    /// The tile map: the nine units on a grid, shaded by their share of the largest.
    private func regions(_ points: [DashboardPoint]) -> [String: Any] {
        let byCode = Dictionary(uniqueKeysWithValues: points.map { ($0.key, $0.actual) })
        let largest = max(points.compactMap(\.actual.value).max() ?? 0, 1)
        let tiles: [[String: Any]] = Self.tiles.map { region, column, row in
            let cell = byCode[region.code] ?? .exact(0)
            let shade = cell.value.map { $0 == 0 ? 0 : max(1, Int(($0 / largest * Double(Self.shades)).rounded(.up))) } ?? (cell.hasNoData ? 0 : 1)
            let x = Double(column) * (Self.tileWidth + 4)
            let y = Double(row) * (Self.tileHeight + 4)
            return [
                "name": region.name.text(preferring: [language]), "short": shortName(region), "display": cell.display, "shade": shade,
                "x": DashboardNumber.text(x), "y": DashboardNumber.text(y), "textX": DashboardNumber.text(x + Self.tileWidth / 2),
                "nameY": DashboardNumber.text(y + 24), "valueY": DashboardNumber.text(y + 48),
            ]
        }
        let table = Region.allCases.map { region in ["name": region.name.text(preferring: [language]), "display": (byCode[region.code] ?? .exact(0)).display] }
        return [
            "tiles": tiles, "table": table, "width": DashboardNumber.text(5 * (Self.tileWidth + 4)),
            "height": DashboardNumber.text(2 * (Self.tileHeight + 4)), "tileWidth": Self.tileWidth, "tileHeight": Self.tileHeight,
        ]
    }

    /// A tile's label: an oblast's name without "Region" (its first word), a city's whole name.
    private func shortName(_ region: Region) -> String {
        let name = region.name.text(preferring: [language])
        return region.isOblast ? String(name.prefix { $0 != " " }) : name
    }

    private func breakdown(_ breakdown: DashboardBreakdown) -> [String: Any] {
        let largest = max(breakdown.points.compactMap(\.actual.value).max() ?? 0, 1)
        let heading: String? =
            switch breakdown.dimension {
            case .sex: texts["dashboard_by_sex"]
            case .ageBand: texts["dashboard_by_age_band"]
            case .vulnerableGroup: texts["dashboard_by_vulnerable_group"]
            case .stakeholderType: texts["dashboard_by_stakeholder_type"]
            case .region: nil
            }
        let rows: [[String: Any]] = breakdown.points.map { point in
            [
                "label": label(of: point.key, in: breakdown.dimension), "display": point.actual.display, "isSuppressed": point.actual.isSuppressed,
                "barWidth": DashboardNumber.text((point.actual.value ?? 0) / largest * 100),
            ]
        }
        return ["heading": heading ?? "", "rows": rows]
    }

    private func label(of code: String, in dimension: LogframeIndicator.Disaggregation) -> String {
        let label: LocalizedText? =
            switch dimension {
            case .sex: Sex(rawValue: code)?.label
            case .ageBand: AgeBand(rawValue: code)?.label
            case .vulnerableGroup: VulnerableGroup(rawValue: code)?.label
            case .stakeholderType: StakeholderType(rawValue: code)?.label
            case .region: Region(rawValue: code)?.name
            }
        return label?.text(preferring: [language]) ?? texts["dashboard_unknown"] ?? code
    }
}
