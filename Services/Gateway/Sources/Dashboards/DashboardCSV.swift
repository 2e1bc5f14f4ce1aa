import Foundation

/// The dashboard as tidy CSV (RFC 4180, UTF-8, CRLF line ends): one row per indicator × measure × period ×
/// region × disaggregation value, with the same suppression as the JSON ("<5" in `value`).
enum DashboardCSV {
    static let header = [
        "indicator_code", "source_indicator", "unit", "availability", "measure", "period", "region_code", "dimension", "dimension_value", "value",
    ]

    /// What a row measures.
    enum Measure: String {
        case baseline, target, actual
    }

    static func text(_ dashboard: Dashboard) -> String {
        var rows = [header]
        let whole = "\(dashboard.from)/\(dashboard.to)"
        for indicator in dashboard.indicators {
            func row(_ measure: Measure, _ period: String, region: String = "", dimension: String = "", value dimensionValue: String = "", _ value: String) {
                rows.append([
                    indicator.code, indicator.sourceIndicator, indicator.unit.rawValue, indicator.availability.rawValue, measure.rawValue, period,
                    region, dimension, dimensionValue, value,
                ])
            }
            row(.baseline, indicator.baseline.period, DashboardNumber.text(indicator.baseline.value))
            for target in indicator.targets {
                row(.target, target.period, DashboardNumber.text(target.target))
                // A year's actual beside its target, when the dashboard covers the whole year (otherwise the
                // period's own row below is that part of it); a month's is among the months below.
                if let actual = target.actual, target.period.count == 4, target.isWholePeriod { row(.actual, target.period, value(actual)) }
            }
            guard let actual = indicator.actual else { continue }
            row(.actual, whole, value(actual))
            for month in indicator.months { row(.actual, month.key, value(month.actual)) }
            for region in indicator.regions { row(.actual, whole, region: region.key, value(region.actual)) }
            for breakdown in indicator.breakdowns {
                for point in breakdown.points { row(.actual, whole, dimension: breakdown.dimension.rawValue, value: point.key, value(point.actual)) }
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A cell's value field: the number, `<5` or `x`, and empty where the source has no figure.
    static func value(_ cell: DashboardCell) -> String {
        cell.hasNoData ? "" : cell.display
    }

    /// A field quoted when it holds a comma, a quote or a line break, quotes doubled (RFC 4180 §2); one that
    /// a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'`, since names come from people.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
