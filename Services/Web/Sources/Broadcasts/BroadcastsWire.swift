import Foundation
import Models

/// What the broadcast pages read from the broadcasts API, as its `openapi.json` describes it.
enum BroadcastsWire {
    /// The service the pages call.
    static let service = "broadcasts"

    /// An episode as `GET /api/v1/broadcasts/episodes` gives it to the public.
    struct Episode: Decodable, Sendable {
        var id: UUID
        var showId: UUID
        var theme: LocalizedText
        var startsAt: Date
        var endsAt: Date
        var durationMinutes: Int
        var status: EpisodeStatus
        var streamUrl: String?
        var replayUrl: String?
        var cancellationReason: String?
    }

    /// One page of the episodes list.
    struct EpisodePage: Decodable, Sendable {
        var items: [Episode]
        var nextCursor: String?
    }

    /// A question as the public sees it on the wall: its public text and its upvotes.
    struct Question: Decodable, Sendable {
        var id: UUID
        var text: String
        var upvotes: Int
    }

    /// One page of an episode's questions.
    struct QuestionPage: Decodable, Sendable {
        var items: [Question]
        var nextCursor: String?
    }

    /// A show, the series an episode belongs to.
    struct Show: Decodable, Sendable {
        var id: UUID
        var title: LocalizedText
        var format: ShowFormat
        var language: Language
        var signLanguage: Bool
    }
}

/// Where an episode is in its life (the API's `EpisodeStatus`).
enum EpisodeStatus: String, Codable, CaseIterable, Sendable {
    case planned
    case announced
    case intakeOpen = "intake_open"
    case live
    case ended
    case published
    case cancelled
    case rescheduled

    /// Its name's catalogue key.
    var textKey: String { "broadcast_status_\(rawValue)" }

    /// The statuses the upcoming list asks for: announced and later until the show ends, not called off.
    static let upcoming: [EpisodeStatus] = [.announced, .intakeOpen, .live, .rescheduled]
}

/// How a show reaches people (the API's `ShowFormat`).
enum ShowFormat: String, Codable, CaseIterable, Sendable {
    case tv
    case radio
    case online

    /// Its name's catalogue key.
    var textKey: String { "broadcast_format_\(rawValue)" }
}

/// Where a question is in moderation and on air (the API's `QuestionState`).
enum QuestionState: String, Codable, CaseIterable, Sendable {
    case received
    case approved
    case hidden
    case rejected
    case merged
    case queued
    case onAir = "on_air"
    case answered
    case partiallyAnswered = "partially_answered"
    case deferred
    case referred

    /// Its name's catalogue key, in the words its author reads.
    var publicTextKey: String { "broadcasts_public_state_\(rawValue)" }
    /// Its name's catalogue key, in the moderators' words.
    var staffTextKey: String { "broadcasts_staff_question_\(rawValue)" }
}

/// What kind of help an answer gave (the API's `AdviceType`).
enum AdviceType: String, Codable, CaseIterable, Sendable {
    case information
    case referral
    case legalOpinion = "legal_opinion"
    case commitmentByOfficial = "commitment_by_official"

    /// Its name's catalogue key on the public pages.
    var publicTextKey: String { "broadcasts_public_advice_\(rawValue)" }
    /// Its name's catalogue key on the staff pages.
    var staffTextKey: String { "broadcasts_staff_advice_\(rawValue)" }
}

/// A law and its article an answer relies on (the API's `LegalReference`).
struct LegalReference: Codable, Sendable {
    var law: String
    var article: String
}
