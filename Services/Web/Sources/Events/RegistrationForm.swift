import Foundation
import Models

/// The registration form of an event page, and the walk-in form of the door page, as typed: the person's name and
/// contacts, each optional disaggregation field with its own consent box, and whether their attendance may be shown.
/// Kept whole for showing again with messages; the API body built from it keeps a field only with its consent.
struct RegistrationForm: Sendable {
    /// The text fields and select boxes, in the order the form shows them.
    static let fieldNames = ["name", "phone", "email", "sex", "ageBand", "stakeholderType"]
    /// The disaggregation fields, each asked with a consent box named `consent.<field>`.
    static let consentedFields = ["sex", "ageBand", "vulnerableGroups", "stakeholderType"]
    /// A vulnerable group's check box is named this prefix and its code.
    static let groupFieldPrefix = "vulnerableGroups."
    /// The catalogue key of a field's message is this prefix and the field's name.
    static let errorKeyPrefix = "event_registration_error_"
    /// The fields a message of their own is shown next to.
    static let fieldsWithMessages = Set(fieldNames + ["vulnerableGroups"])
    /// The API's bounds, checked first so a long paste comes back by its field (the API checks them again).
    static let maxNameLength = 400
    static let maxPhoneLength = 40
    static let maxEmailLength = 254

    /// Each text field and select box as typed.
    var text: [String: String] = [:]
    /// The disaggregation fields whose consent box is ticked.
    var consents: Set<String> = []
    /// The vulnerable groups ticked.
    var groups: Set<VulnerableGroup> = []
    /// Whether the person's name may be shown among those who came.
    var showAttendance = false
    /// The form's own key: a double click sends the same key twice and the API keeps one registration.
    var idempotencyKey: String?

    init() {}

    init(_ fields: FormFields) {
        for name in Self.fieldNames { text[name] = fields.trimmed(name) }
        consents = Set(Self.consentedFields.filter { fields.isChecked("consent.\($0)") })
        groups = Set(VulnerableGroup.allCases.filter { fields.isChecked(Self.groupFieldPrefix + $0.rawValue) })
        showAttendance = fields.isChecked("showAttendance")
        idempotencyKey = AppealFormInput.idempotencyKey(in: fields)
    }

    /// The API body for `eventID` (none for a walk-in), or what the page finds wrong first: a missing name where
    /// one is needed, a value that is no choice, a disaggregation field chosen without its consent box ticked.
    func body(eventID: UUID?, isNameRequired: Bool) -> Result<EventsWire.NewRegistration, FieldMessages> {
        var problems = FieldMessages(prefix: Self.errorKeyPrefix)
        let name = text["name"]
        if isNameRequired && name == nil || (name?.count ?? 0) > Self.maxNameLength { problems.add("name") }
        if let phone = text["phone"], phone.count > Self.maxPhoneLength || !phone.allSatisfy({ $0.isNumber || " +()-".contains($0) }) {
            problems.add("phone")
        }
        if let email = text["email"], email.count > Self.maxEmailLength || email.split(separator: "@", omittingEmptySubsequences: false).count != 2 {
            problems.add("email")
        }
        let sex = text["sex"].flatMap(Sex.init(rawValue:))
        let ageBand = text["ageBand"].flatMap(AgeBand.init(rawValue:))
        let stakeholderType = text["stakeholderType"].flatMap(StakeholderType.init(rawValue:))
        let chosen: [(field: String, isGiven: Bool, isValid: Bool)] = [
            ("sex", text["sex"] != nil, sex != nil), ("ageBand", text["ageBand"] != nil, ageBand != nil),
            ("vulnerableGroups", !groups.isEmpty, true), ("stakeholderType", text["stakeholderType"] != nil, stakeholderType != nil),
        ]
        for (field, isGiven, isValid) in chosen where isGiven && (!isValid || !consents.contains(field)) { problems.add(field) }
        guard problems.isEmpty else { return .failure(problems) }
        var consent = EventsWire.Consent()
        if sex != nil { consent.sex = true }
        if ageBand != nil { consent.ageBand = true }
        if !groups.isEmpty { consent.vulnerableGroups = true }
        if stakeholderType != nil { consent.stakeholderType = true }
        return .success(
            EventsWire.NewRegistration(
                eventId: eventID, name: name, phone: text["phone"], email: text["email"], sex: sex, ageBand: ageBand,
                vulnerableGroups: groups.isEmpty ? nil : groups.sorted { $0.rawValue < $1.rawValue }, stakeholderType: stakeholderType,
                consent: consent == EventsWire.Consent() ? nil : consent, showAttendance: showAttendance))
    }

    /// The template values of the form in `language` with `problems` by their fields, under a new idempotency key.
    func values(problems: FieldMessages, texts: [String: String], language: Language) -> [String: Any] {
        var values = problems.values(texts: texts)
        for name in Self.fieldNames { values["value_\(name)"] = text[name] }
        for field in Self.consentedFields { values["consent_\(field)"] = consents.contains(field) }
        values["showAttendance"] = showAttendance
        let label = { (text: LocalizedText) in text.text(preferring: [language]) }
        values["sexes"] = Choice.values(Sex.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }, selected: [text["sex"] ?? ""])
        values["ageBands"] = Choice.values(AgeBand.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }, selected: [text["ageBand"] ?? ""])
        values["stakeholderTypes"] = Choice.values(
            StakeholderType.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }, selected: [text["stakeholderType"] ?? ""])
        let ticked = Set(groups.map(\.rawValue))
        values["groups"] = Choice.sorted(VulnerableGroup.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }, in: language).map {
            ["code": $0.code, "name": $0.name, "field": Self.groupFieldPrefix + $0.code, "isSelected": ticked.contains($0.code)] as [String: Any]
        }
        values["idempotencyKey"] = AppealFormInput.newIdempotencyKey()
        return values
    }

    /// The API's field paths that belong to another field of the form (`consent.sex` is said by the sex field).
    static let formFieldOfAPIField = [
        "consent.sex": "sex", "consent.ageBand": "ageBand", "consent.vulnerableGroups": "vulnerableGroups",
        "consent.stakeholderType": "stakeholderType",
    ]

    /// Every catalogue key this form names in code, for the test that each catalogue has them.
    static var catalogueKeys: Set<String> {
        Set(fieldsWithMessages.map { errorKeyPrefix + $0 } + EventsWire.RegistrationState.allCases.map(\.textKey))
    }
}
