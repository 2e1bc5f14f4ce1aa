import Foundation
import Models
import ServiceKit

extension LogframeIndicator {
    /// A code: numbers separated by dots, one to four levels (`1`, `1.2`, `2.1.3`).
    static let codePattern = #"^[0-9]{1,4}(\.[0-9]{1,4}){0,3}$"#
    /// A source indicator: a backend service's name, a dot, then lower-case letters, digits and underscores.
    static let sourceIndicatorPattern = #"^[a-z-]+\.[a-z][a-z0-9_]{0,63}$"#
    /// The longest name in one language, in characters.
    static let nameLimit = TextLimit(maxCharacters: 300, required: true)
    /// The longest definition in one language, in characters.
    static let definitionLimit = TextLimit(maxCharacters: 2000, required: true)
    /// The most targets one indicator holds: ten years of months.
    static let maxTargets = 120
    /// The largest baseline or target value; no programme figure comes near it, and it keeps sums exact.
    static let maxValue = 1_000_000_000_000.0

    /// Checks the rules every indicator follows, whether created or changed; whether its owner exists is the
    /// workflow's to check.
    func validate() throws(ServiceError) {
        var errors = FieldErrors()
        check(into: &errors)
        try errors.throwIfAny()
    }

    /// Adds what is wrong with the indicator to `errors`.
    func check(into errors: inout FieldErrors) {
        errors.require(code.range(of: Self.codePattern, options: .regularExpression) != nil, field: "code", "must be numbers separated by dots, such as 1.2")
        errors.check(languagesOf: name, Self.nameLimit, field: "name")
        errors.check(languagesOf: definition, Self.definitionLimit, field: "definition")
        errors.add("sourceIndicator", problem: Self.problem(withSource: sourceIndicator))
        errors.require(Set(disaggregations).count == disaggregations.count, field: "disaggregations", "must not repeat a disaggregation")
        check(baseline, field: "baseline", into: &errors)
        errors.checkCount(targets, in: 0...Self.maxTargets, field: "targets")
        errors.require(Set(targets.map(\.period)).count == targets.count, field: "targets", "must not repeat a period")
        for (index, target) in targets.enumerated() { check(target, field: "targets[\(index)]", into: &errors) }
    }

    private func check(_ value: PeriodValue, field: String, into errors: inout FieldErrors) {
        errors.require(LogframePeriod.isValid(value.period), field: "\(field).period", "must be a year or a month, \(LogframePeriod.format)")
        let maximum = unit == .percentage ? 100 : Self.maxValue
        errors.require(value.value.isFinite && (0...maximum).contains(value.value), field: "\(field).value", "must be from 0 to \(Int(maximum))")
    }

    /// What is wrong with a source indicator name, or `nil`: it must be `<service>.<what>` and name a
    /// service behind the gateway, whose `GET /internal/indicators` reports it.
    static func problem(withSource name: String) -> String? {
        guard name.range(of: sourceIndicatorPattern, options: .regularExpression) != nil else {
            return "must look like <service>.<what>, such as appeals.received"
        }
        let service = String(name.prefix { $0 != "." })
        guard ServiceCatalog.backends.contains(where: { $0.name == service }) else {
            return "must start with one of the services: \(ServiceCatalog.backends.map(\.name).joined(separator: ", "))"
        }
        return nil
    }
}
