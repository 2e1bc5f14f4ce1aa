import Foundation
import Models
import ServiceKit

/// A new appeal as the JSON API, partner systems and Open311 give it; validated by ``validate(thesaurus:)``.
struct NewAppeal: Decodable {
    let channel: Channel
    /// `nil` when the body had none or not a region's code: ``validate(thesaurus:)`` says so with the other problems.
    let regionCode: Region?
    let locality: String?
    let categoryCode: String
    let language: Language
    let description: String
    let submitter: Submitter?
    let consent: AppealDocument.Consent

    /// The most vulnerable groups one appellant may name.
    static let maxVulnerableGroups = 12
    /// The characters a phone number may hold.
    static let phoneCharacters = "+0123456789 ()-"

    /// Every problem with the appeal, field by field; the codes are checked against the thesaurus. Returns its region.
    @discardableResult
    func validate(thesaurus: ThesaurusRepository) async throws -> Region {
        var errors = FieldErrors()
        errors.require(regionCode != nil, field: "regionCode", "must be one of \(Region.acceptedCodes)")
        errors.check(description, AppealTextLimits.description, field: "description")
        errors.check(locality, AppealTextLimits.locality, field: "locality")
        if try await !thesaurus.isActiveCategory(categoryCode) { errors.add("categoryCode", ThesaurusRepository.categoryRule) }
        if let submitter { try await Self.validate(submitter, thesaurus: thesaurus, into: &errors) }
        errors.require(
            !consent.contact || submitter?.phone != nil || submitter?.email != nil,
            field: "consent.contact", "needs a phone or email to contact you on")
        try errors.throwIfAny()
        guard let regionCode else { throw ServiceError.validationFailed(errors.messages) } // required above
        return regionCode
    }

    /// One `@` with something on each side, as the OpenAPI document's pattern says; the address is
    /// proven only when someone writes to it.
    static func isEmailShaped(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty }
    }

    private static func validate(_ submitter: Submitter, thesaurus: ThesaurusRepository, into errors: inout FieldErrors) async throws {
        errors.check(submitter.name, AppealTextLimits.submitterName, field: "submitter.name")
        if let phone = submitter.phone {
            errors.require(
                AppealTextLimits.phone.problem(with: phone) == nil && phone.allSatisfy(phoneCharacters.contains),
                field: "submitter.phone", "must be a phone number of at most \(AppealTextLimits.phone.maxBytes) digits, spaces and +()-")
        }
        if let email = submitter.email {
            errors.require(
                AppealTextLimits.email.problem(with: email) == nil && isEmailShaped(email),
                field: "submitter.email", "must be an email address of at most \(AppealTextLimits.email.maxBytes) bytes")
        }
        errors.checkOneOf(submitter.gender, Sex.self, field: "submitter.gender")
        errors.checkOneOf(submitter.ageGroup, AgeBand.self, field: "submitter.ageGroup")
        if let groups = submitter.vulnerableGroups {
            // The thesaurus is seeded with the platform's codes (``VulnerableGroup``); coordinators may add more.
            let isBounded = groups.count <= maxVulnerableGroups && groups.allSatisfy { AppealTextLimits.code.problem(with: $0) == nil }
            let known = isBounded ? try await thesaurus.activeCodes(.vulnerableGroups, among: groups) : []
            errors.require(
                isBounded && known.count == Set(groups).count,
                field: "submitter.vulnerableGroups", "must be codes from GET /api/v1/appeals/vulnerable-groups")
        }
    }
}

extension NewAppeal {
    enum CodingKeys: String, CodingKey {
        case channel, regionCode, locality, categoryCode, language, description, submitter, consent
    }

    /// Decodes the body, keeping a region that is missing or not a code for ``validate(thesaurus:)`` to report with
    /// every other problem: a form then shows all of its messages at once, not the region's alone first.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channel = try container.decode(Channel.self, forKey: .channel)
        regionCode = try container.decodeIfPresent(String.self, forKey: .regionCode).flatMap(Region.init(rawValue:))
        locality = try container.decodeIfPresent(String.self, forKey: .locality)
        categoryCode = try container.decode(String.self, forKey: .categoryCode)
        language = try container.decode(Language.self, forKey: .language)
        description = try container.decode(String.self, forKey: .description)
        submitter = try container.decodeIfPresent(Submitter.self, forKey: .submitter)
        consent = try container.decode(AppealDocument.Consent.self, forKey: .consent)
    }
}
