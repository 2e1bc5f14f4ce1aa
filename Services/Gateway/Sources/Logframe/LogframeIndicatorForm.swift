import Foundation
import Models
import Persistence
import Web

/// The indicator form of `/logframe/new` and `/logframe/{id}/edit`: every field as the person typed it, read
/// into an indicator for ``LogframeWorkflow``, and the workflow's field errors said back next to the fields.
struct LogframeIndicatorForm {
    /// A place on the form a message can stand next to. The raw values are the workflow's field paths.
    enum Field: String, CaseIterable {
        case code
        /// The names as a whole: none was given.
        case name
        case nameKy = "name.ky"
        case nameRu = "name.ru"
        case nameEn = "name.en"
        case definitionKy = "definition.ky"
        case definitionRu = "definition.ru"
        case definitionEn = "definition.en"
        case unit
        case sourceIndicator
        case disaggregations
        case baselinePeriod = "baseline.period"
        case baselineValue = "baseline.value"
        case ownerId
        case visibility
        /// The indicator's targets, which the form does not show: they no longer fit a changed unit.
        case targets

        /// The input's name and the key of its values in the template (no dots: Mustache reads them as paths).
        var inputName: String { rawValue.replacingOccurrences(of: ".", with: "_") }

        /// The catalogue key of the message shown next to the field.
        var messageKey: String {
            switch self {
            // On a line of its own: `code: "…"` on one line reads as an error code's definition to ErrorCodeTests.
            case .code:
                "logframe_error_code"
            case .name: "logframe_error_name"
            case .nameKy, .nameRu, .nameEn: "logframe_error_name_length"
            case .definitionKy, .definitionRu, .definitionEn: "logframe_error_definition_length"
            case .unit: "logframe_error_unit"
            case .sourceIndicator: "logframe_error_source"
            case .disaggregations: "logframe_error_disaggregations"
            case .baselinePeriod: "logframe_error_period"
            case .baselineValue: "logframe_error_value"
            case .ownerId: "logframe_error_owner"
            case .visibility: "logframe_error_visibility"
            case .targets: "logframe_error_targets_unit"
            }
        }

        /// The field a workflow error names: `targets[2].value` stands for the targets as a whole.
        init?(path: String) {
            if path.hasPrefix("targets") {
                self = .targets
                return
            }
            self.init(rawValue: path)
        }
    }

    /// The catalogue key of the message for a code another indicator has.
    static let codeTakenKey = "logframe_error_code_taken"
    /// The prefix of a disaggregation's checkbox name, before its code.
    static let disaggregationPrefix = "disaggregation_"
    /// The text fields the form reads, with the longest each may be (the rules' limits, plus room to say so).
    static let textFields: [Field: Int] = [
        .code: 20, .nameKy: 300, .nameRu: 300, .nameEn: 300, .definitionKy: 2000, .definitionRu: 2000, .definitionEn: 2000, .unit: 20,
        .sourceIndicator: 80, .baselinePeriod: 7, .baselineValue: 20, .ownerId: 36, .visibility: 20,
    ]

    /// What the person typed, per field.
    var values: [Field: String] = [:]
    var disaggregations: Set<LogframeIndicator.Disaggregation> = []
    /// The version the form was shown at, for `If-Match`; `nil` on a new indicator's form.
    var version: Int?

    /// An empty form for a new indicator: a count, for everyone.
    init() {
        values[.unit] = LogframeIndicator.Unit.count.rawValue
        values[.visibility] = LogframeIndicator.Visibility.public.rawValue
    }

    /// The form filled with `indicator` as saved.
    init(_ indicator: LogframeIndicator) {
        values = [
            .code: indicator.code, .unit: indicator.unit.rawValue, .sourceIndicator: indicator.sourceIndicator,
            .baselinePeriod: indicator.baseline.period, .baselineValue: DashboardNumber.text(indicator.baseline.value),
            .ownerId: indicator.ownerId.text, .visibility: indicator.visibility.rawValue,
        ]
        for (field, language) in [(Field.nameKy, Language.kyrgyz), (.nameRu, .russian), (.nameEn, .english)] {
            values[field] = indicator.name[language]
        }
        for (field, language) in [(Field.definitionKy, Language.kyrgyz), (.definitionRu, .russian), (.definitionEn, .english)] {
            values[field] = indicator.definition?[language]
        }
        disaggregations = Set(indicator.disaggregations)
        version = indicator.version
    }

    /// The form as submitted; texts longer than a field holds are cut, as the browser's `maxlength` would.
    init(_ fields: FormFields) {
        for (field, limit) in Self.textFields {
            values[field] = fields.trimmed(field.inputName).map { String($0.prefix(limit)) }
        }
        disaggregations = Set(LogframeIndicator.Disaggregation.allCases.filter { fields.isChecked(Self.disaggregationPrefix + $0.rawValue) })
        version = fields["version"].flatMap { Int($0) }
    }

    /// The indicator the form describes, changing `base` (or a new one), and the fields that could not be read
    /// at all; those hold a stand-in so that the rest can still be checked.
    func indicator(changing base: LogframeIndicator?, now: Date) -> (indicator: LogframeIndicator, unreadable: Set<Field>) {
        var unreadable: Set<Field> = []
        let name = try? LocalizedText(ky: values[.nameKy], ru: values[.nameRu], en: values[.nameEn])
        if name == nil { unreadable.insert(.name) }
        let definition = try? LocalizedText(ky: values[.definitionKy], ru: values[.definitionRu], en: values[.definitionEn])
        let unit = values[.unit].flatMap(LogframeIndicator.Unit.init(rawValue:))
        if unit == nil { unreadable.insert(.unit) }
        let baseline = values[.baselineValue].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
        if baseline?.isFinite != true { unreadable.insert(.baselineValue) }
        let owner = values[.ownerId].flatMap(UUID.init(uuidString:))
        if owner == nil { unreadable.insert(.ownerId) }
        let visibility = values[.visibility].flatMap(LogframeIndicator.Visibility.init(rawValue:))
        if visibility == nil { unreadable.insert(.visibility) }
        let indicator = LogframeIndicator(
            id: base?.id ?? .v7(), code: values[.code] ?? "", name: name ?? base?.name ?? Self.standInName, definition: definition,
            unit: unit ?? .count, sourceIndicator: values[.sourceIndicator] ?? "",
            disaggregations: LogframeIndicator.Disaggregation.allCases.filter(disaggregations.contains),
            baseline: .init(period: values[.baselinePeriod] ?? "", value: baseline ?? 0), targets: base?.targets ?? [],
            ownerId: owner ?? base?.ownerId ?? UUID(), visibility: visibility ?? .public, version: base?.version ?? 1,
            createdAt: base?.createdAt ?? now, updatedAt: now)
        return (indicator, unreadable)
    }

    /// A name that passes the rules, standing in for one that was not given (which is itself the error).
    private static let standInName = try! LocalizedText(en: "-")

    /// The fields of the workflow's `validation_failed` errors (the form's summary says there are errors even
    /// if one named a field the form does not have).
    static func fields(of fieldErrors: [String: String]) -> Set<Field> {
        Set(fieldErrors.keys.compactMap(Field.init(path:)))
    }
}
