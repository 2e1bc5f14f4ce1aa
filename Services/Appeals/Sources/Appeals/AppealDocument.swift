import Foundation
import Hummingbird
import Models

/// An appeal in full, personal data included, for those ``AppealAccess`` gives the full view; councils get
/// ``CouncilAppealDocument`` instead.
struct AppealDocument: Codable, Sendable, ResponseEncodable {
    var id: UUID
    var channel: Channel
    var regionCode: Region
    var locality: String?
    var categoryCode: String
    var language: Language
    var description: String
    var submitter: Submitter?
    var isAnonymous: Bool
    var gender: Sex?
    var ageGroup: AgeBand?
    var vulnerableGroups: [String]
    var consent: Consent
    var status: AppealStatus
    var rejectionReason: RejectionReason?
    var duplicateOf: UUID?
    var isSensitive: Bool
    var staffSummary: String?
    var verifier: String?
    var legalExpert: String?
    var submittedByOrganization: UUID?
    var receivedAt: Date
    var responseDueAt: Date
    var isOverdue: Bool
    var extensionReason: String?
    var verifiedAt: Date?
    var answeredAt: Date?
    var closedAt: Date?
    var updatedAt: Date
    var version: Int
    /// The title and summary of the public copy, if one is published: staff see what the public reads.
    var publicTitle: LocalizedText?
    var publicSummary: LocalizedText?

    /// What the appellant agreed to.
    struct Consent: Codable, Sendable {
        var contact: Bool
        var publication: Bool
    }

    init(_ appeal: Appeal, publicTexts: (title: LocalizedText, summary: LocalizedText)? = nil, now: Date = Date()) {
        id = appeal.id
        channel = appeal.channel
        regionCode = appeal.regionCode
        locality = appeal.locality
        categoryCode = appeal.categoryCode
        language = appeal.language
        description = appeal.description
        submitter = appeal.submitter
        isAnonymous = appeal.isAnonymous
        gender = appeal.sex
        ageGroup = appeal.ageBand
        vulnerableGroups = appeal.vulnerableGroups
        consent = Consent(contact: appeal.consentToContact, publication: appeal.consentToPublication)
        status = appeal.status
        rejectionReason = appeal.rejectionReason
        duplicateOf = appeal.duplicateOf
        isSensitive = appeal.isSensitive
        staffSummary = appeal.staffSummary
        verifier = appeal.verifierSubject
        legalExpert = appeal.legalExpertSubject
        submittedByOrganization = appeal.submittedByOrganization
        receivedAt = appeal.receivedAt
        responseDueAt = appeal.responseDueAt
        isOverdue = appeal.isOverdue(at: now)
        extensionReason = appeal.extensionReason
        verifiedAt = appeal.verifiedAt
        answeredAt = appeal.answeredAt
        closedAt = appeal.closedAt
        updatedAt = appeal.updatedAt
        version = appeal.version
        publicTitle = publicTexts?.title
        publicSummary = publicTexts?.summary
    }
}
