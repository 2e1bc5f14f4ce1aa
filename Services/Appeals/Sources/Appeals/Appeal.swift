import Foundation
import Models

/// An appeal as stored, with personal data already opened for those allowed to see it.
struct Appeal: Sendable {
    var id: UUID
    var channel: Channel
    var regionCode: Region
    var locality: String?
    var categoryCode: String
    var language: Language
    var description: String
    var submitter: Submitter?
    /// The appellant's sex and age band, when they said: sealed at rest with the submitter.
    var sex: Sex?
    var ageBand: AgeBand?
    var vulnerableGroups: [String]
    var consentToContact: Bool
    var consentToPublication: Bool
    var status: AppealStatus
    var rejectionReason: RejectionReason?
    var duplicateOf: UUID?
    var isSensitive: Bool
    var staffSummary: String?
    var verifierSubject: String?
    var legalExpertSubject: String?
    var submittedBySubject: String
    var submittedByOrganization: UUID?
    var receivedAt: Date
    var responseDueAt: Date
    var extensionReason: String?
    var verifiedAt: Date?
    var answeredAt: Date?
    var closedAt: Date?
    var updatedAt: Date
    var version: Int

    /// A day, for deadlines counted in days.
    static let secondsPerDay: TimeInterval = 86_400

    var eTag: String { "\"\(version)\"" }

    /// Whether the appellant gave nothing that names or reaches them; demographics alone do not.
    var isAnonymous: Bool { submitter.map { $0.name == nil && $0.phone == nil && $0.email == nil } ?? true }

    func isOverdue(at now: Date = Date()) -> Bool { status.isOpen && responseDueAt < now }
}

/// Who sent the appeal, when they chose to say. Sealed at rest as one JSON document.
struct Submitter: Codable, Equatable, Sendable {
    var name: String?
    var phone: String?
    var email: String?
    var gender: String?
    var ageGroup: String?
    var vulnerableGroups: [String]?
}
