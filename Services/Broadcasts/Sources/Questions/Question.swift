import Foundation
import Models

/// A question to an episode as stored. The asker's contact and disaggregation fields are sealed at rest
/// (``QuestionRepository``); an imported appeal is only referenced, never copied.
struct Question: Sendable {
    var id: UUID
    var episodeId: UUID
    var source: QuestionSource
    /// The partner organisation that sent it (`partner` questions).
    var partnerOrganizationId: UUID?
    /// The appeal it was imported from (`appeal` questions).
    var appeal: Reference?
    /// The text as sent (or the appeal's public summary); kept as it was for the record.
    var originalText: String
    /// The text as the moderator edited it for the audience; `nil` shows the original.
    var publicText: String?
    var language: Language
    var region: Region?
    var topic: RightsTopic?
    /// Who asked, when they said; `nil` when they gave nothing.
    var asker: Asker?
    var state: QuestionState
    var rejectionReason: String?
    /// The question this one was merged into.
    var mergedInto: UUID?
    /// How many questions were merged into this one.
    var mergeCount: Int
    /// The moderator's order in the live queue, lowest first; `nil` for not placed.
    var queuePosition: Int?
    var upvotes: Int
    /// The episode it was deferred from, when it was moved here.
    var deferredFromEpisodeId: UUID?
    /// When it was first answered (fully or in part) on air.
    var answeredAt: Date?
    /// The subject that sent it, when signed in (a partner key, the staff member who imported it).
    var createdBySubject: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    var eTag: String { "\"\(version)\"" }

    /// The text the audience reads.
    var shownText: String { publicText ?? originalText }
}

/// Who asked, sealed at rest as one document: the contact they left for an answer, and the
/// disaggregation fields of DESIGN.md §8, each kept only when they consented to it.
struct Asker: Codable, Equatable, Sendable {
    var name: String?
    var phone: String?
    var email: String?
    var sex: Sex?
    var ageBand: AgeBand?

    /// Whether nothing was given, so nothing is stored.
    var isEmpty: Bool { name == nil && phone == nil && email == nil && sex == nil && ageBand == nil }
}

extension Reference {
    /// An appeal in the appeals service.
    static func appeal(_ id: UUID) -> Reference { Reference(service: ServiceCatalog.appeals.name, type: "appeal", id: id) }
}
