import Foundation
import Models

/// A report's disaggregated counts on its staff page: how many of those who came fall in each value of the
/// platform's disaggregations (DESIGN.md §8), shown per dimension and edited as one number per value.
///
/// The API pre-fills them from the consented fields of those checked in plus the counts entered by hand for
/// people who came unregistered; the page shows them and sends them back as written once edited.
enum ReportCounts {
    /// The form's field of one value's count: `count.<dimension>.<code>`.
    static let fieldPrefix = "count."
    /// The largest count, as the API bounds an attendee count.
    static let maxCount = 100_000

    /// One disaggregation: the API's key, its name's catalogue key, and its values named in a language.
    struct Dimension {
        let key: String
        let codes: [Choice]

        /// Its name's catalogue key.
        var textKey: String { "events_s21_counts_\(key)" }
    }

    /// The four dimensions with their values named in `language`, in the order the vocabularies list them.
    static func dimensions(in language: Language) -> [Dimension] {
        let label = { (text: LocalizedText) in text.text(preferring: [language]) }
        return [
            Dimension(key: "sex", codes: Sex.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }),
            Dimension(key: "ageBand", codes: AgeBand.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }),
            Dimension(key: "stakeholderType", codes: StakeholderType.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }),
            Dimension(
                key: "vulnerableGroup", codes: Choice.sorted(VulnerableGroup.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }, in: language)),
        ]
    }

    /// The counts as the page shows them: each dimension with the values counted (none when nobody said).
    static func shown(_ counts: [String: [String: Int]], texts: [String: String], language: Language) -> [[String: Any]] {
        dimensions(in: language).map { dimension in
            let rows = dimension.codes.compactMap { choice -> [String: Any]? in
                guard let count = counts[dimension.key]?[choice.code], count > 0 else { return nil }
                return ["name": choice.name, "count": count]
            }
            return ["name": texts[dimension.textKey] ?? "", "rows": rows, "hasRows": !rows.isEmpty]
        }
    }

    /// The form's inputs: each dimension with a number field per value, holding `returned`'s input when the form
    /// came back, else the report's count.
    static func inputs(_ counts: [String: [String: Int]], returned: FormFields?, texts: [String: String], language: Language) -> [[String: Any]] {
        dimensions(in: language).map { dimension in
            let fields = dimension.codes.map { choice -> [String: Any] in
                let field = fieldPrefix + dimension.key + "." + choice.code
                let value = returned.map { $0[field] ?? "" } ?? counts[dimension.key]?[choice.code].map(String.init) ?? ""
                return ["field": field, "id": "count-\(dimension.key)-\(choice.code)", "name": choice.name, "value": value]
            }
            return ["name": texts[dimension.textKey] ?? "", "fields": fields]
        }
    }

    /// The counts the form holds: `nil` when it has none of their fields (a form that does not edit them), `.failure`
    /// when one is not a whole number from 0 to ``maxCount``. Blank fields count nothing.
    static func read(_ fields: FormFields, language: Language) -> Result<[String: [String: Int]]?, ReadFailure> {
        var counts: [String: [String: Int]] = [:]
        var isPresent = false
        for dimension in dimensions(in: language) {
            for choice in dimension.codes {
                guard let text = fields[fieldPrefix + dimension.key + "." + choice.code] else { continue }
                isPresent = true
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                guard let count = Int(trimmed), (0...maxCount).contains(count) else { return .failure(ReadFailure()) }
                if count > 0 { counts[dimension.key, default: [:]][choice.code] = count }
            }
        }
        return .success(isPresent ? counts : nil)
    }

    /// A count that is not a whole number in bounds.
    struct ReadFailure: Error {}
}
