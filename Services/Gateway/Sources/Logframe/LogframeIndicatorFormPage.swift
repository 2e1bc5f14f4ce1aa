import Foundation
import Models
import Persistence

/// The indicator form's template values (`logframe_indicator.mustache`): every field with what was typed and
/// its message in the page's language, the choices with the chosen one marked, and the messages listed at
/// the top with links to their fields.
struct LogframeIndicatorFormPage {
    /// The catalogue keys this code looks up itself (the template's own `{{t.…}}` are checked from the template).
    static var catalogueKeys: [String] {
        LogframeIndicatorForm.Field.allCases.map(\.messageKey) + [LogframeIndicatorForm.codeTakenKey]
            + LogframeIndicator.Unit.allCases.map(unitKey) + LogframeIndicator.Disaggregation.allCases.map(disaggregationKey)
            + enteredFields.map(labelKey) + ["logframe_public", "logframe_stakeholders"]
    }
    /// The fields the "changed meanwhile" page repeats, so that what was typed is not lost.
    static let enteredFields: [LogframeIndicatorForm.Field] = [
        .code, .nameKy, .nameRu, .nameEn, .definitionKy, .definitionRu, .definitionEn, .sourceIndicator, .baselinePeriod, .baselineValue,
    ]
    /// The fields in the order the form shows them, for the list of messages at the top.
    static let order: [LogframeIndicatorForm.Field] = [
        .code, .name, .nameKy, .nameRu, .nameEn, .definitionKy, .definitionRu, .definitionEn, .unit, .sourceIndicator, .disaggregations,
        .baselinePeriod, .baselineValue, .ownerId, .visibility, .targets,
    ]

    var form: LogframeIndicatorForm
    /// The fields with a message; ``LogframeIndicatorForm/codeTakenKey`` says the code is another's.
    var errors: Set<LogframeIndicatorForm.Field> = []
    var isCodeTaken = false
    /// The directory's active organisations, the owners to choose from.
    var owners: [Organization]

    func values(texts: [String: String], language: Language, action: String) -> [String: Any] {
        var fields: [String: Any] = [:]
        for field in LogframeIndicatorForm.Field.allCases {
            var entry: [String: Any] = ["value": form.values[field] ?? ""]
            entry["error"] = message(for: field, texts: texts)
            fields[field.inputName] = entry
        }
        let errorList: [[String: Any]] = Self.order.compactMap { field in
            guard let message = message(for: field, texts: texts) else { return nil }
            // The names' message links to the first name; the targets' is not about a field of this form.
            let anchor: String? =
                switch field {
                case .name: "f-name_ky"
                case .targets: nil
                default: "f-\(field.inputName)"
                }
            var entry: [String: Any] = ["message": message]
            entry["id"] = anchor
            return entry
        }
        let named = { (code: String, key: String) -> [String: Any] in ["code": code, "name": texts[key] ?? code] }
        var values: [String: Any] = [
            "f": fields, "action": action, "isNew": form.version == nil, "errorList": errorList, "hasErrors": !errorList.isEmpty,
            "units": LogframeIndicator.Unit.allCases.map { unit in
                named(unit.rawValue, Self.unitKey(unit)).merging(["isSelected": form.values[.unit] == unit.rawValue]) { $1 }
            },
            "visibilities": LogframeIndicator.Visibility.allCases.map { visibility in
                let key = visibility == .public ? "logframe_public" : "logframe_stakeholders"
                return named(visibility.rawValue, key).merging(["isSelected": form.values[.visibility] == visibility.rawValue]) { $1 }
            },
            "disaggregations": LogframeIndicator.Disaggregation.allCases.map { dimension in
                named(dimension.rawValue, Self.disaggregationKey(dimension)).merging([
                    "field": LogframeIndicatorForm.disaggregationPrefix + dimension.rawValue, "isSelected": form.disaggregations.contains(dimension),
                ]) { $1 }
            },
            "owners": owners.map { ($0.id.text, $0.name.text(preferring: [language])) }
                .sorted { $0.1.localizedStandardCompare($1.1) == .orderedAscending }
                .map { id, name in ["id": id, "name": name, "isSelected": form.values[.ownerId]?.lowercased() == id] as [String: Any] },
        ]
        values["version"] = form.version
        return values
    }

    /// What the "changed meanwhile" page shows of the form: each text field typed, with its label.
    static func entered(_ form: LogframeIndicatorForm, texts: [String: String]) -> [[String: String]] {
        enteredFields.compactMap { field in
            form.values[field].map { ["label": texts[labelKey(field)] ?? field.rawValue, "value": $0] }
        }
    }

    private func message(for field: LogframeIndicatorForm.Field, texts: [String: String]) -> String? {
        if field == .code, isCodeTaken { return texts[LogframeIndicatorForm.codeTakenKey] }
        return errors.contains(field) ? texts[field.messageKey] ?? field.rawValue : nil
    }

    static func unitKey(_ unit: LogframeIndicator.Unit) -> String { "logframe_unit_\(unit.rawValue)" }
    static func disaggregationKey(_ dimension: LogframeIndicator.Disaggregation) -> String { "logframe_disaggregation_\(dimension.rawValue)" }
    static func labelKey(_ field: LogframeIndicatorForm.Field) -> String { "logframe_label_\(field.inputName)" }
}
