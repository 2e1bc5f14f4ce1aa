import Models

/// Collects what is wrong with a request body, field by field, and throws them together as one
/// `validation_failed` problem, so a client learns everything to fix from one answer.
///
/// Input types validate themselves with it:
/// ```swift
/// var errors = FieldErrors()
/// errors.check(input.description, AppealTextLimits.description, field: "description")
/// errors.checkCount(input.groups, in: 0...12, field: "groups")
/// errors.require(input.roles.isEmpty == false, field: "roles", "must name at least one role")
/// try errors.throwIfAny()
/// ```
/// The first problem found for a field is the one reported.
public struct FieldErrors: Sendable {
    /// The message per field path (`submitter.email`, `name.ky`).
    public private(set) var messages: [String: String] = [:]

    /// No errors yet.
    public init() {}

    /// Whether nothing was found wrong.
    public var isEmpty: Bool { messages.isEmpty }

    /// Records `message` for `field`, unless the field already has a problem.
    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    /// Records `message` for `field` when `condition` is false.
    public mutating func require(_ condition: Bool, field: String, _ message: @autoclosure () -> String) {
        if !condition { add(field, message()) }
    }

    /// Records the problem a rule found (a rule that answers `nil` when all is well, like an email's), if any.
    public mutating func add(_ field: String, problem: String?) {
        if let problem { add(field, problem) }
    }

    /// Checks a text against its limit; `nil` is not checked (optional fields).
    public mutating func check(_ text: String?, _ limit: TextLimit, field: String) {
        if let text, let problem = limit.problem(with: text) { add(field, problem) }
    }

    /// Checks each language of a text against `limit`, under `field.ky`, `field.ru`, `field.en`; `nil` is not checked.
    public mutating func check(languagesOf text: LocalizedText?, _ limit: TextLimit, field: String) {
        guard let text else { return }
        for language in Language.allCases { check(text[language], limit, field: "\(field).\(language.rawValue)") }
    }

    /// Checks that a number lies in `range`; `nil` is not checked.
    public mutating func checkRange<Value: Comparable>(_ value: Value?, in range: ClosedRange<Value>, field: String) {
        if let value, !range.contains(value) { add(field, "must be from \(range.lowerBound) to \(range.upperBound)") }
    }

    /// Checks that a list has a number of elements in `range`; `nil` is not checked.
    public mutating func checkCount(_ list: (some Collection)?, in range: ClosedRange<Int>, field: String) {
        guard let list, !range.contains(list.count) else { return }
        add(field, range.lowerBound == 0 ? "must have at most \(range.upperBound) items" : "must have \(range.lowerBound) to \(range.upperBound) items")
    }

    /// Checks that a code is one of a closed vocabulary's; `nil` is not checked.
    public mutating func checkOneOf<Vocabulary: ClosedVocabulary>(_ code: String?, _ vocabulary: Vocabulary.Type, field: String) {
        if let code, Vocabulary(rawValue: code) == nil { add(field, "must be one of \(Vocabulary.acceptedCodes)") }
    }

    /// Throws the collected errors as `validation_failed` (422), if there are any.
    public func throwIfAny() throws(ServiceError) {
        if !messages.isEmpty { throw ServiceError.validationFailed(messages) }
    }
}
