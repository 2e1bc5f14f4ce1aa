import Foundation
import Models

/// What the staff broadcast pages read from the broadcasts API as staff see it (its `openapi.json`): the
/// episode with its version and moderation, the questions with their originals, sources and askers (as far as the
/// API shows them to the caller), the answer log and the histories. Nested, so the public pages' types stay theirs.
enum StaffBroadcastsWire {
    /// An episode as staff read it.
    struct Episode: Decodable, Sendable {
        var id: UUID
        var showId: UUID
        var theme: LocalizedText
        var startsAt: Date
        var durationMinutes: Int
        var status: EpisodeStatus
        var moderationMode: ModerationMode
        var streamUrl: String?
        var replayUrl: String?
        var cancellationReason: String?
        var version: Int
    }

    /// One page of the episodes list.
    struct EpisodePage: Decodable, Sendable {
        var items: [Episode]
        var nextCursor: String?
    }

    /// Whether the public sees questions before a moderator approved them.
    enum ModerationMode: String, Decodable, Sendable {
        case strict
        case permissive

        /// Its name's catalogue key.
        var textKey: String { "broadcasts_staff_moderation_\(rawValue)" }
    }

    /// A question as staff read it: the public text and the original, where it came from, and for coordinators
    /// the asker.
    struct Question: Decodable, Sendable {
        var id: UUID
        var text: String
        var state: QuestionState
        var mergeCount: Int
        var queuePosition: Int?
        var upvotes: Int
        var createdAt: Date
        var version: Int
        var originalText: String?
        var publicText: String?
        var rejectionReason: String?
        var source: QuestionSource?
        var appeal: Reference?
        var asker: Asker?

        /// The `If-Match` value of this version, as the API's ETag spells it.
        var eTag: String { "\"\(version)\"" }
    }

    /// How to reach the person who asked, as the API shows it to coordinators (and only to them).
    struct Asker: Decodable, Sendable {
        var name: String?
        var phone: String?
        var email: String?
    }

    /// Another service's record a question refers to (an imported appeal).
    struct Reference: Decodable, Sendable {
        var id: UUID
    }

    /// One page of an episode's questions.
    struct QuestionPage: Decodable, Sendable {
        var items: [Question]
        var nextCursor: String?
    }

    /// Where a question came from (the API's `QuestionSource`).
    enum QuestionSource: String, Decodable, CaseIterable, Sendable {
        case `public`
        case partner
        case appeal

        /// Its name's catalogue key.
        var textKey: String { "broadcasts_staff_source_\(rawValue)" }
    }

    /// A guest of the episode, who may answer on air.
    struct Guest: Decodable, Sendable {
        var id: UUID
        var name: String
    }

    /// An episode's guests.
    struct GuestList: Decodable, Sendable {
        var guests: [Guest]
    }

    /// An entry of the answer log.
    struct Answer: Decodable, Sendable {
        var id: UUID
        var episodeId: UUID
        var questionId: UUID
        var startSecond: Int
        var endSecond: Int
        var guestId: UUID
        var summary: LocalizedText
        var legalReferences: [LegalReference]
        var adviceType: AdviceType
        var followUpOwner: String?
        var followUpDueOn: String?
        var reviewStatus: ReviewStatus
        var version: Int
    }

    /// An episode's answer log.
    struct AnswerList: Decodable, Sendable {
        var answers: [Answer]
    }

    /// Where an answer's summary is in the legal review (the API's `ReviewStatus`).
    enum ReviewStatus: String, Codable, CaseIterable, Sendable {
        case draft
        case legalReview = "legal_review"
        case approved
        case needsCorrection = "needs_correction"

        /// Its name's catalogue key.
        var textKey: String { "broadcasts_staff_review_\(rawValue)" }
    }

    /// A change in an episode's, a question's or an answer's history, as staff read it.
    struct HistoryEntry: Decodable, Sendable {
        var occurredAt: Date
        var actor: String
        var action: String
        var from: String?
        var to: String?
        var note: String?
    }

    /// A history: its entries, oldest first.
    struct History: Decodable, Sendable {
        var entries: [HistoryEntry]
    }

    /// What the API answers a created record with, as far as the pages need it.
    struct Created: Decodable, Sendable {
        var id: UUID
    }
}
