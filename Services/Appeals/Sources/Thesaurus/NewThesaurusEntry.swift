import Foundation
import Models
import ServiceKit

/// `POST /api/v1/appeals/categories` and `…/vulnerable-groups`: a new entry, named in every language.
struct NewThesaurusEntry: Decodable {
    let code: String
    let name: LocalizedText

    /// What a code looks like (also in the OpenAPI document).
    static let codePattern = "^[a-z][a-z0-9_]{1,49}$"

    /// The names in Kyrgyz, Russian and English, once validated.
    func validated() throws -> (ky: String, ru: String, en: String) {
        var errors = FieldErrors()
        errors.require(
            code.range(of: Self.codePattern, options: .regularExpression) != nil,
            field: "code", "must be 2 to 50 lower-case letters, digits or underscores, starting with a letter")
        let names = [name.ky, name.ru, name.en].compactMap { $0 }
        errors.require(names.count == Language.allCases.count, field: "name", "must be given in ky, ru and en")
        if let problem = names.lazy.compactMap(AppealTextLimits.entryName.problem(with:)).first { errors.add("name", "each language \(problem)") }
        try errors.throwIfAny()
        return (names[0], names[1], names[2])
    }
}
