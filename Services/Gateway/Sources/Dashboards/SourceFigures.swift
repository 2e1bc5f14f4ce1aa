import Foundation
import Models

/// What a service's `GET /internal/indicators` gave for a period.
enum SourceFigures: Sendable {
    /// Its figures, checked.
    case figures([IndicatorFigure])
    /// The service answers, but reports no indicators yet (a 404: a service without its indicators route).
    case noFiguresYet
    /// The service is down, slow, unconfigured or answered badly: its indicators are "not available now".
    case unavailable

    /// Whether every figure is one `service` may report, in the period, for a known region and with known
    /// codes; a service that sends anything else answered badly and is not believed at all.
    static func areValid(_ figures: [IndicatorFigure], from service: String, months: Set<String>) -> Bool {
        figures.allSatisfy { figure in
            figure.indicator.hasPrefix(service + ".") && months.contains(figure.period) && Region(rawValue: figure.regionCode) != nil
                && figure.value.isFinite && figure.value >= 0 && isKnown(figure.dimensions)
        }
    }

    private static func isKnown(_ dimensions: IndicatorDimensions) -> Bool {
        func check<Vocabulary: ClosedVocabulary>(_ code: String?, _: Vocabulary.Type) -> Bool {
            code.map { $0 == IndicatorDimensions.unknown || Vocabulary(rawValue: $0) != nil } ?? true
        }
        return check(dimensions.sex, Sex.self) && check(dimensions.ageBand, AgeBand.self)
            && check(dimensions.vulnerableGroup, VulnerableGroup.self) && check(dimensions.stakeholderType, StakeholderType.self)
    }
}
