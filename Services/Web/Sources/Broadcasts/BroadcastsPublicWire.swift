import Foundation
import Models

/// What the public broadcast pages send to and read from the broadcasts API beyond episodes and shows
/// (``BroadcastsWire``): a question, its receipt, an upvote, the answer log and the guests, as its `openapi.json`
/// describes them. A namespace of its own, so the staff pages' wire types never collide with these.
enum PublicBroadcastsWire {
    /// `POST /api/v1/broadcasts/questions`: a question with whatever the asker chose to say about themselves.
    struct NewQuestion: Encodable, Sendable {
        var episodeId: UUID
        var text: String
        var language: Language
        var region: Region?
        var topic: RightsTopic?
        var name: String?
        var phone: String?
        var email: String?
        var sex: Sex?
        var ageBand: AgeBand?
        var consent: Consent?

        /// The asker's consent to each disaggregation field being kept and counted.
        struct Consent: Encodable, Sendable, Equatable {
            var sex: Bool?
            var ageBand: Bool?
        }
    }

    /// A question as its author sees it (intake's answer and the lookup): its state and both texts.
    struct AuthorQuestion: Decodable, Sendable {
        var id: UUID
        var episodeId: UUID
        /// The text the wall shows: the moderator's public text, or the original.
        var text: String
        var state: QuestionState
        var originalText: String?
        var rejectionReason: String?
    }

    /// What intake answers: the question and the receipt code, shown once (absent in a replay).
    struct QuestionReceipt: Decodable, Sendable {
        var question: AuthorQuestion
        var receiptCode: String?
    }

    /// `POST /api/v1/broadcasts/questions/lookup`'s body.
    struct ReceiptCode: Encodable, Sendable {
        var code: String
    }

    /// `POST /api/v1/broadcasts/questions/upvotes`'s body.
    struct Upvote: Encodable, Sendable {
        var questionId: UUID
    }

    /// What an upvote answers: `counted` is `false` when this client had upvoted the question already.
    struct UpvoteResult: Decodable, Sendable {
        var questionId: UUID
        var upvotes: Int
        var counted: Bool
    }

    /// An answer the public reads: an approved one of the episode's log.
    struct Answer: Decodable, Sendable {
        var id: UUID
        var questionId: UUID
        var startSecond: Int
        var endSecond: Int
        var guestId: UUID
        var summary: LocalizedText
        var legalReferences: [LegalReference]
        var adviceType: AdviceType
    }

    /// An answered question as the public reads it: its public text in its language.
    struct AnsweredQuestion: Decodable, Sendable {
        var id: UUID
        var text: String
        var language: Language
    }

    /// One page of an episode's answered questions.
    struct AnsweredQuestionPage: Decodable, Sendable {
        var items: [AnsweredQuestion]
        var nextCursor: String?
    }

    /// `GET …/episodes/{id}/answers`.
    struct AnswerList: Decodable, Sendable {
        var answers: [Answer]
    }

    /// A guest on air as the public reads them: name and role.
    struct Guest: Decodable, Sendable {
        var id: UUID
        var name: String
        var role: GuestRole
    }

    /// `GET …/episodes/{id}/guests`.
    struct GuestList: Decodable, Sendable {
        var guests: [Guest]
    }

    /// A guest's part on air (the API's `GuestRole`).
    enum GuestRole: String, Codable, CaseIterable, Sendable {
        case ombudsman
        case deputyOmbudsman = "deputy_ombudsman"
        case lawyer
        case expert
        case official

        /// Its name's catalogue key.
        var textKey: String { "broadcasts_public_role_\(rawValue)" }
    }
}
