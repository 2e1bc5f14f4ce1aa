import Foundation
import Models

/// The question form of an episode page as typed: the question, the optional name and contact (kept only with the
/// contact consent box ticked), region, topic and language, and sex and age band each with its own consent box.
/// Kept whole for showing again with messages; the API body keeps a field only with its consent.
struct QuestionForm: Sendable {
    /// The text fields and select boxes, in the order the form shows them.
    static let fieldNames = ["text", "name", "phone", "email", "region", "topic", "language", "sex", "ageBand"]
    /// The fields asked with a consent box named `consent.<field>`: the contact (name, phone, email) and each
    /// disaggregation field.
    static let consentedFields = ["contact", "sex", "ageBand"]
    /// The catalogue key of a field's message is this prefix and the field's name.
    static let errorKeyPrefix = "broadcasts_public_error_"
    /// The fields a message of their own is shown next to.
    static let fieldsWithMessages = Set(fieldNames + ["contact"])
    /// The API's bounds (its `openapi.json`), checked first so a long paste comes back by its field; in UTF-8 bytes.
    static let maxTextBytes = 4_000
    static let maxNameBytes = 400
    static let maxPhoneBytes = 40
    static let maxEmailBytes = 254
    /// The characters a phone number may hold, as the API allows them.
    static let phoneCharacters = Set("+0123456789 ()-")

    /// Each text field and select box as typed.
    var text: [String: String] = [:]
    /// The fields whose consent box is ticked.
    var consents: Set<String> = []
    /// The form's own key: a double click sends the same key twice and the API keeps one question.
    var idempotencyKey: String?

    init() {}

    init(_ fields: FormFields) {
        for name in Self.fieldNames { text[name] = fields.trimmed(name) }
        consents = Set(Self.consentedFields.filter { fields.isChecked("consent.\($0)") })
        idempotencyKey = AppealFormInput.idempotencyKey(in: fields)
    }

    /// The API body for `episodeID` in `pageLanguage` (the question's language unless chosen), or what the page finds
    /// wrong: a missing or long question, a malformed contact or one given without its consent, a value that is no
    /// choice, a disaggregation field chosen without its consent box ticked.
    func body(episodeID: UUID, pageLanguage: Language) -> Result<PublicBroadcastsWire.NewQuestion, FieldMessages> {
        var problems = FieldMessages(prefix: Self.errorKeyPrefix)
        let question = text["text"] ?? ""
        if question.isEmpty || question.utf8.count > Self.maxTextBytes { problems.add("text") }
        if let name = text["name"], name.utf8.count > Self.maxNameBytes { problems.add("name") }
        if let phone = text["phone"], phone.utf8.count > Self.maxPhoneBytes || !phone.allSatisfy(Self.phoneCharacters.contains) {
            problems.add("phone")
        }
        if let email = text["email"] {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if email.utf8.count > Self.maxEmailBytes || parts.count != 2 || parts.contains(where: \.isEmpty) { problems.add("email") }
        }
        // A contact is sealed and used only to answer the person: kept only when they say so.
        let hasContact = text["name"] != nil || text["phone"] != nil || text["email"] != nil
        if hasContact && !consents.contains("contact") { problems.add("contact") }
        let region = text["region"].flatMap(Region.init(rawValue:))
        let topic = text["topic"].flatMap(RightsTopic.init(rawValue:))
        let language = text["language"].flatMap(Language.init(rawValue:))
        let sex = text["sex"].flatMap(Sex.init(rawValue:))
        let ageBand = text["ageBand"].flatMap(AgeBand.init(rawValue:))
        for (field, isValid) in [("region", region != nil), ("topic", topic != nil), ("language", language != nil)]
        where text[field] != nil && !isValid {
            problems.add(field)
        }
        for (field, isValid) in [("sex", sex != nil), ("ageBand", ageBand != nil)] where text[field] != nil && (!isValid || !consents.contains(field)) {
            problems.add(field)
        }
        guard problems.isEmpty else { return .failure(problems) }
        var consent = PublicBroadcastsWire.NewQuestion.Consent()
        if sex != nil { consent.sex = true }
        if ageBand != nil { consent.ageBand = true }
        return .success(
            PublicBroadcastsWire.NewQuestion(
                episodeId: episodeID, text: question, language: language ?? pageLanguage, region: region, topic: topic, name: text["name"],
                phone: text["phone"], email: text["email"], sex: sex, ageBand: ageBand,
                consent: consent == PublicBroadcastsWire.NewQuestion.Consent() ? nil : consent))
    }

    /// The template values of the form in `language` with `problems` by their fields, under a new idempotency key.
    func values(problems: FieldMessages, texts: [String: String], language: Language) -> [String: Any] {
        var values = problems.values(texts: texts)
        for name in Self.fieldNames { values["value_\(name)"] = text[name] }
        for field in Self.consentedFields { values["consent_\(field)"] = consents.contains(field) }
        let label = { (text: LocalizedText) in text.text(preferring: [language]) }
        values["regions"] = Choice.values(Choice.regions(in: language), selected: [text["region"] ?? ""])
        values["topics"] = Choice.values(
            Choice.sorted(RightsTopic.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }, in: language), selected: [text["topic"] ?? ""])
        // The question's language is the page's unless the person chose another.
        values["languages"] = Choice.values(
            Language.allCases.map { Choice(code: $0.rawValue, name: PageRenderer.ownName($0)) }, selected: [text["language"] ?? language.rawValue])
        values["sexes"] = Choice.values(Sex.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }, selected: [text["sex"] ?? ""])
        values["ageBands"] = Choice.values(AgeBand.allCases.map { Choice(code: $0.rawValue, name: label($0.label)) }, selected: [text["ageBand"] ?? ""])
        values["idempotencyKey"] = AppealFormInput.newIdempotencyKey()
        return values
    }

    /// The API's field paths that belong to another field of the form (`consent.sex` is said by the sex field).
    static let formFieldOfAPIField = ["consent.sex": "sex", "consent.ageBand": "ageBand"]

    /// Every catalogue key this form names in code, for the test that each catalogue has them.
    static var catalogueKeys: Set<String> { Set(fieldsWithMessages.map { errorKeyPrefix + $0 }) }
}
