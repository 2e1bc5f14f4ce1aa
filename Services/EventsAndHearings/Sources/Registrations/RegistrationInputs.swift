import Foundation
import Models
import ServiceKit

// The bodies of the registration routes, each validating itself before the book runs.

/// `POST /api/v1/events/{id}/registrations` (and a walk-in at the door): who the person is. Each
/// disaggregation field is kept only with its own consent flag set; sent without it, it is refused.
struct NewRegistration: Decodable {
    /// The event, for a registration ahead; a walk-in is counted at the event's own route.
    let eventId: UUID?
    let name: String?
    let phone: String?
    let email: String?
    let sex: Sex?
    let ageBand: AgeBand?
    let vulnerableGroups: [VulnerableGroup]?
    let stakeholderType: StakeholderType?
    let consent: Consent?
    /// Whether the person agrees to their name being shown among those who attended.
    let showAttendance: Bool?

    /// The person's consent to each disaggregation field being kept and counted.
    struct Consent: Decodable {
        let sex: Bool?
        let ageBand: Bool?
        let vulnerableGroups: Bool?
        let stakeholderType: Bool?
    }

    /// The participant, validated; `nameRequired` for registrations ahead (staff check names at the door),
    /// not for walk-ins, who may stay a count.
    func participant(nameRequired: Bool) throws -> Participant {
        var errors = FieldErrors()
        let name = name?.nilIfBlank
        errors.require(!nameRequired || name != nil, field: "name", "is required")
        errors.check(name, RegistrationLimits.name, field: "name")
        if let phone {
            errors.require(
                RegistrationLimits.phone.problem(with: phone) == nil && phone.allSatisfy(RegistrationLimits.phoneCharacters.contains),
                field: "phone", "must be a phone number of at most \(RegistrationLimits.phone.maxBytes) digits, spaces and +()-")
        }
        if let email {
            errors.require(
                RegistrationLimits.email.problem(with: email) == nil && Self.isEmailShaped(email),
                field: "email", "must be an email address of at most \(RegistrationLimits.email.maxBytes) bytes")
        }
        let consented: [(field: String, given: Bool, consent: Bool?)] = [
            ("sex", sex != nil, consent?.sex), ("ageBand", ageBand != nil, consent?.ageBand),
            ("vulnerableGroups", vulnerableGroups != nil, consent?.vulnerableGroups),
            ("stakeholderType", stakeholderType != nil, consent?.stakeholderType),
        ]
        for (field, given, consent) in consented {
            errors.require(!given || consent == true, field: field, "is kept only with consent.\(field) set to true")
        }
        if let vulnerableGroups {
            errors.checkCount(vulnerableGroups, in: 0...RegistrationLimits.maxVulnerableGroups, field: "vulnerableGroups")
            errors.require(Set(vulnerableGroups).count == vulnerableGroups.count, field: "vulnerableGroups", "must not name a group twice")
        }
        try errors.throwIfAny()
        return Participant(
            name: name, phone: phone?.nilIfBlank, email: email?.nilIfBlank, sex: sex, ageBand: ageBand,
            vulnerableGroups: vulnerableGroups.flatMap { $0.isEmpty ? nil : $0 }, stakeholderType: stakeholderType)
    }

    /// One `@` with something on each side, as the OpenAPI document's pattern says.
    static func isEmailShaped(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty }
    }
}

/// `POST …/registrations/withdraw` and `…/registrations/lookup`: the code from the receipt.
struct RegistrationCodeInput: Decodable {
    let code: String

    /// The code in canonical form; a code that cannot be one is 422 (not 404, so a typo is told apart).
    func canonical() throws -> String {
        var errors = FieldErrors()
        errors.check(code, RegistrationLimits.typedCode, field: "code")
        try errors.throwIfAny()
        guard let canonical = ReadableCode.normalize(code, length: RegistrationLimits.codeLength) else {
            throw ServiceError.validationFailed(["code": "must be the \(RegistrationLimits.codeLength)-character code of the receipt, such as ABCD-EFGH"])
        }
        return canonical
    }
}

/// `POST …/registrations/{registrationId}/decision`: staff confirm or reject a registration.
struct RegistrationDecision: Decodable {
    let decision: Decision

    /// What staff decide.
    enum Decision: String, Decodable, CaseIterable, Sendable, ClosedVocabulary {
        /// A pending registration takes its place for good.
        case confirm
        /// The registration is turned down; its place, if it held one, goes to the waitlist.
        case reject
    }
}

/// `PUT …/registration-settings`: the event's capacity and whether staff confirm each registration.
struct RegistrationSettingsInput: Decodable {
    let capacity: Int
    let moderated: Bool

    func validate() throws {
        var errors = FieldErrors()
        errors.checkRange(capacity, in: RegistrationLimits.capacity, field: "capacity")
        try errors.throwIfAny()
    }
}
