import Foundation
import Models

/// The options of a select box or a list of check boxes: codes with names in the page's language.
struct Choice {
    let code: String
    let name: String

    /// `choices` sorted by name as the language sorts them, for a person looking for theirs.
    static func sorted(_ choices: [Choice], in language: Language) -> [Choice] {
        choices.sorted { $0.name.compare($1.name, locale: .init(identifier: language.rawValue)) == .orderedAscending }
    }

    /// The nine regions, named in `language`, in the order of the reference table.
    static func regions(in language: Language) -> [Choice] {
        Region.allCases.map { Choice(code: $0.rawValue, name: $0.name.text(preferring: [language])) }
    }

    /// The template values of `choices`, `selected` marked.
    static func values(_ choices: [Choice], selected: Set<String>) -> [[String: Any]] {
        choices.map { ["code": $0.code, "name": $0.name, "isSelected": selected.contains($0.code)] }
    }
}
