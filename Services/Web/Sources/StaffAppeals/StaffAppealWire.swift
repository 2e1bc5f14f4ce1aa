import Foundation
import Models

// What the staff pages read from the appeals API (`Services/Appeals/Sources/Resources/openapi.json`). Every field
// a role may not see is optional: a council member's `CouncilAppeal` decodes into the same type with the
// personal fields absent, so the page shows exactly what the API returned.

/// One appeal as the signed-in person may see it.
struct StaffAppeal: Decodable, Sendable {
    var id: UUID
    var status: StaffAppealStatus
    var regionCode: Region
    var responseDueAt: Date
    var isOverdue: Bool
    var categoryCode: String?
    var channel: String?
    var receivedAt: Date?
    var verifiedAt: Date?
    var answeredAt: Date?
    var closedAt: Date?
    var locality: String?
    var description: String?
    var submitter: Submitter?
    var consent: Consent?
    var isSensitive: Bool?
    var staffSummary: String?
    var verifier: String?
    var legalExpert: String?
    var extensionReason: String?
    var rejectionReason: String?
    var publicTitle: LocalizedText?
    var publicSummary: LocalizedText?

    /// Who sent the appeal, where the API shows it.
    struct Submitter: Decodable, Sendable {
        var name: String?
        var phone: String?
        var email: String?
    }

    /// What the appellant agreed to.
    struct Consent: Decodable, Sendable {
        var contact: Bool
        var publication: Bool
    }
}

/// A page of the staff list.
struct StaffAppealPage: Decodable, Sendable {
    var items: [StaffAppeal]
    var nextCursor: String?
    var overdueCount: Int
}

/// An appeal's case file: its history, fact-checks, referrals and responses.
struct StaffCaseFile: Decodable, Sendable {
    var entries: [Entry]
    var verifications: [Verification]
    var referrals: [Referral]
    var responses: [Response]

    /// One history entry.
    struct Entry: Decodable, Sendable {
        var occurredAt: Date
        var actor: String
        var action: String
        var from: StaffAppealStatus?
        var to: StaffAppealStatus?
        var note: String?
        var isPublic: Bool
    }

    /// A fact-check.
    struct Verification: Decodable, Sendable {
        var sourcesChecked: [String]
        var evidenceNotes: String
        var outcome: String
        var recordedBy: String
        var recordedAt: Date
    }

    /// A referral to a duty-bearer and its reply.
    struct Referral: Decodable, Sendable {
        var id: UUID
        var organizationId: UUID?
        var bodyName: String?
        var sentAt: Date
        var dueAt: Date?
        var reply: String?
        var repliedAt: Date?
    }

    /// An answer to the appellant.
    struct Response: Decodable, Sendable {
        var text: String
        var channel: String
        var author: String
        var reference: String?
        var isPublic: Bool
        var createdAt: Date
    }

    /// Whether the appeal has a public copy now: its last publication was not withdrawn since.
    var isPublished: Bool {
        entries.last { $0.action == "publication" || $0.action == "unpublication" }?.action == "publication"
    }
}

/// The categories of appeals.
struct StaffCategories: Decodable, Sendable {
    var items: [Category]

    /// One category.
    struct Category: Decodable, Sendable {
        var code: String
        var name: LocalizedText
        var isRetired: Bool
    }
}
