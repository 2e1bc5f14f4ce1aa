import Models

/// One indicator's figures, grouped in one pass: the totals (figures without a dimension) per month and per
/// region, and the figures of each single disaggregation per code. A year of a service's figures is tens of
/// thousands, so the dashboard groups them once rather than filtering them for every cell.
struct FigureSums {
    /// Every total's value.
    private(set) var totals: [Double] = []
    /// The totals' values per month.
    private(set) var byMonth: [String: [Double]] = [:]
    /// The totals' values per region code.
    private(set) var byRegion: [String: [Double]] = [:]
    /// The values of figures for exactly one disaggregation, per disaggregation and code.
    private(set) var byDimension: [LogframeIndicator.Disaggregation: [String: [Double]]] = [:]

    init(_ figures: some Sequence<IndicatorFigure>) {
        for figure in figures {
            let dimensions = Self.dimensions(of: figure)
            if dimensions.isEmpty, figure.dimensions.category == nil, figure.dimensions.channel == nil {
                totals.append(figure.value)
                byMonth[figure.period, default: []].append(figure.value)
                byRegion[figure.regionCode, default: []].append(figure.value)
            } else if dimensions.count == 1 {
                byDimension[dimensions[0].0, default: [:]][dimensions[0].1, default: []].append(figure.value)
            }
        }
    }

    /// The totals' values over `months`.
    func totals(in months: [String]) -> [Double] {
        months.flatMap { byMonth[$0] ?? [] }
    }

    /// The platform disaggregations a figure is for, with their codes.
    private static func dimensions(of figure: IndicatorFigure) -> [(LogframeIndicator.Disaggregation, String)] {
        let all: [(LogframeIndicator.Disaggregation, String?)] = [
            (.sex, figure.dimensions.sex), (.ageBand, figure.dimensions.ageBand), (.vulnerableGroup, figure.dimensions.vulnerableGroup),
            (.stakeholderType, figure.dimensions.stakeholderType),
        ]
        return all.compactMap { dimension, code in code.map { (dimension, $0) } }
    }
}
