import Models

/// The appeal form's template values: every field with what was typed and its message, the choices with
/// the chosen ones marked, and the list of messages at the top that links to each field.
struct AppealFormPage {
    var input: AppealFormInput
    /// A message per field, already in the page's language.
    var fieldErrors: [AppealFormField: String] = [:]
    /// A message about the whole form (appeals unreachable, too many sendings), in the page's language.
    var formError: String?

    /// The fields in the order the form shows them, for the list of messages at the top.
    static let order: [AppealFormField] = [
        .category, .region, .locality, .description, .name, .phone, .email, .contactConsent, .publicationConsent, .gender, .ageGroup,
        .vulnerableGroups,
    ]

    func values(choices: AppealFormChoices, language: Language, idempotencyKey: String) -> [String: Any] {
        var fields: [String: Any] = [:]
        for field in AppealFormField.allCases {
            var entry: [String: Any] = ["value": input.values[field] ?? ""]
            entry["error"] = fieldErrors[field]
            fields[field.templateKey] = entry
        }
        let errorList: [[String: Any]] = Self.order.compactMap { field in
            fieldErrors[field].map { ["id": "f-\(field.templateKey)", "message": $0] }
        }
        let named = { (entries: [AppealsWire.Entry]) in
            Choice.sorted(entries.filter { !$0.isRetired }.map { Choice(code: $0.code, name: ShownText($0.name, in: language).text) }, in: language)
        }
        var values: [String: Any] = [
            "f": fields,
            "categories": Choice.values(named(choices.categories), selected: Set([input.values[.category] ?? ""])),
            "regions": Choice.values(Choice.regions(in: language), selected: Set([input.values[.region] ?? ""])),
            "genders": Choice.values(
                Sex.allCases.map { Choice(code: $0.rawValue, name: $0.label.text(preferring: [language])) }, selected: Set([input.values[.gender] ?? ""])),
            "ageGroups": Choice.values(
                AgeBand.allCases.map { Choice(code: $0.rawValue, name: $0.label.text(preferring: [language])) },
                selected: Set([input.values[.ageGroup] ?? ""])),
            "groups": named(choices.vulnerableGroups).map { group in
                [
                    "code": group.code, "name": group.name, "field": AppealFormInput.groupFieldPrefix + group.code,
                    "isSelected": input.vulnerableGroups.contains(group.code),
                ] as [String: Any]
            },
            "isContactConsented": input.contactConsent, "isPublicationConsented": input.publicationConsent,
            "idempotencyKey": idempotencyKey, "errorList": errorList, "hasErrors": !errorList.isEmpty || formError != nil,
        ]
        values["formError"] = formError
        return values
    }
}
