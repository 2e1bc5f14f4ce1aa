import Foundation
import Models

/// The fields of the appeal form. A field's form name is the JSON path appeals names it by in its field
/// errors (`submitter.phone`), so each of appeals' messages lands next to its own field.
enum AppealFormField: String, CaseIterable, Sendable {
    case category = "categoryCode"
    case region = "regionCode"
    case locality
    case description
    case name = "submitter.name"
    case phone = "submitter.phone"
    case email = "submitter.email"
    case contactConsent = "consent.contact"
    case publicationConsent = "consent.publication"
    case gender = "submitter.gender"
    case ageGroup = "submitter.ageGroup"
    case vulnerableGroups = "submitter.vulnerableGroups"

    /// The field's key in templates (`{{f.submitter_phone.value}}`) and its element's ID (`f-submitter_phone`).
    var templateKey: String { rawValue.replacingOccurrences(of: ".", with: "_") }

    /// The field appeals' field path `path` is about (`submitter.vulnerableGroups[2]` is the groups' field).
    init?(apiPath path: String) {
        let field = path.prefix { $0 != "[" }
        self.init(rawValue: String(field))
    }

    /// What kind of problem appeals' message describes; its words are English and never shown.
    enum Problem: String, Sendable {
        case missing
        case tooLong = "too_long"
        case invalid

        init(apiMessage message: String) {
            if message.contains("blank") || message.contains("required") {
                self = .missing
            } else if message.contains("at most") {
                self = .tooLong
            } else {
                self = .invalid
            }
        }
    }

    /// The catalogue key for `problem` with this field: its own text when the catalogue has one
    /// (`appeal_error_description_too_long`), else the field's (`appeal_error_phone`), else "check this field".
    func messageKey(for problem: Problem, in texts: [String: String]) -> String {
        let stem = "appeal_error_\(errorStem)"
        for key in ["\(stem)_\(problem.rawValue)", stem] where texts[key] != nil { return key }
        return Self.genericMessageKey
    }

    /// The text shown for a field appeals refused for a reason no text of ours names.
    static let genericMessageKey = "appeal_error_generic"

    private var errorStem: String {
        switch self {
        case .category: "category"
        case .region: "region"
        case .locality: "locality"
        case .description: "description"
        case .name: "name"
        case .phone: "phone"
        case .email: "email"
        case .contactConsent: "contact_consent"
        case .publicationConsent: "publication_consent"
        case .gender, .ageGroup, .vulnerableGroups: "about_you"
        }
    }
}
