import Foundation
import Models
import NIOHTTP1
import ServiceKit

/// What a visitor typed and chose in the appeal form: sent to appeals as it is, and shown again, whole, when
/// the form comes back with messages, so nothing they typed is ever lost.
struct AppealFormInput: Sendable {
    /// The text fields and select boxes, as typed.
    var values: [AppealFormField: String] = [:]
    var contactConsent = false
    var publicationConsent = false
    /// The vulnerable groups ticked, among those the form offered.
    var vulnerableGroups: Set<String> = []
    /// The form's own key: a double click sends the same key twice and appeals keeps one appeal.
    var idempotencyKey: String?

    /// The hidden field holding the form's idempotency key.
    static let idempotencyField = "idempotencyKey"
    /// A vulnerable group's check box is named this prefix and its code.
    static let groupFieldPrefix = "submitter.vulnerableGroups."
    /// The API's bound for an `Idempotency-Key`: printable ASCII, no spaces.
    static let maxIdempotencyKeyLength = 255

    init() {}

    /// The input of submitted `fields`; only the offered `groupCodes` are read of the groups' check boxes.
    init(_ fields: FormFields, groupCodes: [String]) {
        for field in AppealFormField.allCases where field != .vulnerableGroups {
            if let value = fields[field.rawValue] { values[field] = value }
        }
        contactConsent = fields.isChecked(AppealFormField.contactConsent.rawValue)
        publicationConsent = fields.isChecked(AppealFormField.publicationConsent.rawValue)
        vulnerableGroups = Set(groupCodes.filter { fields.isChecked(Self.groupFieldPrefix + $0) })
        idempotencyKey = Self.idempotencyKey(in: fields)
    }

    /// A new form's key: 128 random bits.
    static func newIdempotencyKey() -> String {
        SecureToken.random(bytes: 16)
    }

    /// The form's idempotency key, when it is one the API takes (printable ASCII, no spaces, within its bound);
    /// a form without a usable one is sent without.
    static func idempotencyKey(in fields: FormFields) -> String? {
        fields[idempotencyField].flatMap {
            !$0.isEmpty && $0.utf8.count <= maxIdempotencyKeyLength && $0.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) ? $0 : nil
        }
    }

    /// The headers that send the form's idempotency key to the API, if it has a usable one.
    static func idempotencyHeaders(in fields: FormFields) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let key = idempotencyKey(in: fields) { headers.add(name: "Idempotency-Key", value: key) }
        return headers
    }

    /// The appeal to send, in `language`: what was typed, a blank optional field left out.
    func newAppeal(language: Language) -> AppealsWire.NewAppeal {
        var submitter = AppealsWire.Submitter(
            name: optional(.name), phone: optional(.phone), email: optional(.email), gender: optional(.gender), ageGroup: optional(.ageGroup))
        if !vulnerableGroups.isEmpty { submitter.vulnerableGroups = vulnerableGroups.sorted() }
        let hasSubmitter =
            submitter.name != nil || submitter.phone != nil || submitter.email != nil || submitter.gender != nil || submitter.ageGroup != nil
            || submitter.vulnerableGroups != nil
        return AppealsWire.NewAppeal(
            regionCode: values[.region] ?? "", locality: optional(.locality), categoryCode: values[.category] ?? "", language: language,
            description: values[.description] ?? "", submitter: hasSubmitter ? submitter : nil,
            consent: AppealsWire.Consent(contact: contactConsent, publication: publicationConsent))
    }

    /// A one-line field's value without surrounding spaces; `nil` when blank.
    private func optional(_ field: AppealFormField) -> String? {
        guard let value = values[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
