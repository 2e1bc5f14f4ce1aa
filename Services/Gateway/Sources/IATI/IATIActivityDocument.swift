import Foundation
import Models

/// Writes the programme as one IATI 2.03 activity (`iati-activities-schema.xsd`) with one `result` per
/// logframe indicator: its title and definition in English, Russian and Kyrgyz, its measure, baseline and,
/// per target period, the target and the actuals, in total and per region and disaggregation value.
struct IATIActivityDocument {
    /// A logframe indicator with the figures of each of its target periods that has begun.
    struct Result {
        var indicator: LogframeIndicator
        /// The dashboard's indicator over each target period, by period; absent for periods not begun.
        var actuals: [String: DashboardIndicator]
    }

    /// The programme's title in the three languages (the IATI activity's default language is English).
    static let title = try! LocalizedText(
        ky: "Ачык жамааттар – ачык медиа", ru: "Открытые сообщества – открытые медиа", en: "Open Communities – Open Media")
    static let description = try! LocalizedText(
        ky: "Кыргызстандагы адам укуктары боюнча программа: жарандардын кайрылуулары, коомдук кеңештер, өнөктөш медиа жана уктуруулар.",
        ru: "Правозащитная программа в Кыргызстане: обращения граждан, общественные советы, медиапартнёры и эфиры.",
        en: "A human-rights programme in Kyrgyzstan: citizens' appeals, public councils, partner media and broadcasts.")
    /// The comment on an actual hidden by small-cell suppression.
    static let suppressedComment = "Fewer than 5: not shown, so that no one can be identified"
    /// The comment on an actual hidden so that a suppressed one beside it cannot be worked out.
    static let hiddenComment = "Not shown, so that a suppressed count beside it cannot be worked out from the total"

    let settings: IATISettings
    let generatedAt: Date

    func xml(_ results: [Result]) -> String {
        let lastUpdated = results.map(\.indicator.updatedAt).max() ?? generatedAt
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<iati-activities version="2.03" generated-datetime="\#(Self.timestamp(generatedAt))">"# + "\n"
        xml += #"<iati-activity last-updated-datetime="\#(Self.timestamp(lastUpdated))" xml:lang="en" hierarchy="1">"# + "\n"
        xml += "<iati-identifier>\(XMLText.escaped(settings.activityID))</iati-identifier>\n"
        xml += #"<reporting-org ref="\#(XMLText.escaped(settings.reportingOrgRef))" type="\#(settings.reportingOrgType)">"#
        xml += "<narrative>\(XMLText.escaped(settings.reportingOrgName))</narrative></reporting-org>\n"
        xml += "<title>\(Self.narratives(Self.title))</title>\n"
        xml += #"<description type="1">\#(Self.narratives(Self.description))</description>"# + "\n"
        xml += #"<participating-org role="1" type="40"><narrative>European Union</narrative></participating-org>"# + "\n"
        xml += #"<participating-org ref="\#(XMLText.escaped(settings.reportingOrgRef))" role="4" type="\#(settings.reportingOrgType)">"#
        xml += "<narrative>\(XMLText.escaped(settings.reportingOrgName))</narrative></participating-org>\n"
        xml += #"<activity-status code="2"/>"# + "\n"
        xml += #"<activity-date iso-date="\#(settings.startDate)" type="1"/>"# + "\n"
        xml += #"<activity-date iso-date="\#(settings.endDate)" type="3"/>"# + "\n"
        xml += #"<recipient-country code="KG" percentage="100"/>"# + "\n"
        for result in results { xml += self.result(result) }
        xml += "</iati-activity>\n</iati-activities>\n"
        return xml
    }

    private func result(_ result: Result) -> String {
        let indicator = result.indicator
        // Measure 1 is a unit (counts, days), 2 a percentage (IATI's IndicatorMeasure code list).
        let measure = indicator.unit == .percentage ? "2" : "1"
        var xml = #"<result type="1" aggregation-status="1"><title>\#(Self.narratives(indicator.name))</title>"# + "\n"
        xml += #"<indicator measure="\#(measure)" ascending="1"><title>\#(Self.narratives(indicator.name))</title>"#
        if let definition = indicator.definition { xml += "<description>\(Self.narratives(definition))</description>" }
        xml += "\n" + #"<reference vocabulary="99" code="\#(XMLText.escaped(indicator.code))"/>"#
        let baseline = indicator.baseline
        xml +=
            #"<baseline year="\#(baseline.period.prefix(4))" iso-date="\#(Self.firstDay(of: baseline.period))" value="\#(DashboardNumber.text(baseline.value))"/>"#
        xml += "\n"
        for target in indicator.targets {
            xml += #"<period><period-start iso-date="\#(Self.firstDay(of: target.period))"/><period-end iso-date="\#(Self.lastDay(of: target.period))"/>"#
            xml += #"<target value="\#(DashboardNumber.text(target.value))"/>"#
            if let composed = result.actuals[target.period], let total = composed.actual {
                xml += Self.actual(total, dimension: nil)
                for region in composed.regions { xml += Self.actual(region.actual, dimension: ("region", region.key)) }
                for breakdown in composed.breakdowns {
                    for point in breakdown.points { xml += Self.actual(point.actual, dimension: (breakdown.dimension.rawValue, point.key)) }
                }
            }
            xml += "</period>\n"
        }
        return xml + "</indicator></result>\n"
    }

    private static func actual(_ cell: DashboardCell, dimension: (name: String, value: String)?) -> String {
        guard !cell.hasNoData else { return "" }
        let inner =
            (dimension.map { #"<dimension name="\#(XMLText.escaped($0.name))" value="\#(XMLText.escaped($0.value))"/>"# } ?? "")
            + (cell.isSuppressed ? "<comment><narrative>\(cell == .hidden ? hiddenComment : suppressedComment)</narrative></comment>" : "")
        let value = cell.value.map { #" value="\#(DashboardNumber.text($0))""# } ?? ""
        return inner.isEmpty ? "<actual\(value)/>" : "<actual\(value)>\(inner)</actual>"
    }

    /// A narrative per language the text has.
    private static func narratives(_ text: LocalizedText) -> String {
        Language.allCases.compactMap { language in
            text[language].map { #"<narrative xml:lang="\#(language.rawValue)">\#(XMLText.escaped($0))</narrative>"# }
        }.joined()
    }

    static func firstDay(of period: String) -> String {
        period.count == 4 ? "\(period)-01-01" : "\(period)-01"
    }

    static func lastDay(of period: String) -> String {
        guard period.count == 7, let year = Int(period.prefix(4)), let month = Int(period.suffix(2)) else { return "\(period)-12-31" }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return "\(period)-\(days)"
    }

    private static func timestamp(_ date: Date) -> String { RFC3339.string(from: date) }
}
