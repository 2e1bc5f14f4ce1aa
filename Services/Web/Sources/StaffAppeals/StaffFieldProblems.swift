import Models

/// What is wrong with a change form, as catalogue keys: per form field (shown next to it) and for the form as a
/// whole. Every field path and kind of problem the appeals API can answer a staff form with has its own text;
/// anything else gets a generic "check this field" in the person's language, never the API's English message.
struct StaffFieldProblems: Error {
    /// For a field nothing more specific is known about.
    static let genericFieldKey = "staff_error_check_field"
    /// For a form refused for a reason no text below names.
    static let genericFormKey = "staff_problem_other"

    /// The problem codes of the appeals API (and the kit) a change can get, each with its own text
    /// `staff_problem_<code>`.
    static let knownCodes: Set<String> = [
        "validation_failed", "malformed_json", "forbidden", "illegal_transition", "not_in_verification", "not_referable",
        "reply_not_recordable", "not_answerable", "already_extended", "not_open", "not_verified", "no_consent", "not_published",
    ]

    /// The fields with a text of their own for a `validation_failed` answer: `staff_error_<change>_<field>`, where
    /// a language's field (`title.ky`) shares its text with the other languages (`staff_error_publication_title`).
    static let knownFields: [StaffChange: Set<String>] = [
        .verification: ["sourcesChecked", "evidenceNotes", "outcome"],
        .transition: ["to", "note", "publicNote", "reason", "duplicateOf"],
        .assignment: ["verifier", "legalExpert"],
        .referral: ["organizationId", "bodyName", "dueAt"],
        .reply: ["reply"],
        .response: ["text", "channel", "reference"],
        .extension: ["days", "reason"],
        .publication: ["title", "summary", "publicLocality"],
    ]

    /// API field paths that belong to another field of the form.
    static let formFieldOfAPIField: [String: String] = [:]

    let change: StaffChange
    /// Catalogue key per form field.
    private(set) var fields: [String: String] = [:]
    /// Catalogue key for the form as a whole.
    var form: String?

    init(change: StaffChange) {
        self.change = change
    }

    /// Whether nothing was found wrong.
    var isEmpty: Bool { fields.isEmpty && form == nil }

    /// Marks form field `name` with its own text for what the field needs.
    mutating func add(_ name: String) {
        fields[name] = Self.key(change: change, field: name)
        form = form ?? "staff_problem_validation_failed"
    }

    /// The problems an API answer names: each field's text, and the form's.
    init(change: StaffChange, problem: Problem) {
        self.change = change
        form = Self.knownCodes.contains(problem.code) ? "staff_problem_\(problem.code)" : Self.genericFormKey
        for apiField in (problem.errors ?? [:]).keys {
            let field = Self.formFieldOfAPIField[apiField] ?? apiField
            if problem.code == "validation_failed" {
                fields[field] = Self.key(change: change, field: field)
            } else if Self.knownCodes.contains(problem.code) {
                fields[field] = "staff_problem_\(problem.code)"
            } else {
                fields[field] = Self.genericFieldKey
            }
        }
    }

    /// The text key for a problem with form field `field` of `change`.
    static func key(change: StaffChange, field: String) -> String {
        let base = field.split(separator: ".").first.map(String.init) ?? field
        guard knownFields[change]?.contains(base) == true else { return genericFieldKey }
        return "staff_error_\(change.rawValue)_\(base)"
    }

    /// Every catalogue key this type can name, for the test that each catalogue has them.
    static var allKeys: Set<String> {
        var keys: Set<String> = [genericFieldKey, genericFormKey]
        for code in knownCodes { keys.insert("staff_problem_\(code)") }
        for (change, fields) in knownFields {
            for field in fields { keys.insert("staff_error_\(change.rawValue)_\(field)") }
        }
        return keys
    }
}
