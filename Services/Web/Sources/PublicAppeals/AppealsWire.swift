import Foundation
import Models

/// The appeals API's documents as the public pages read and send them
/// (`Services/Appeals/Sources/Resources/openapi.json`): only the fields the pages show.
enum AppealsWire {
    /// `GET /api/v1/appeals/published` (one page).
    struct PublishedPage: Decodable, Sendable {
        let items: [PublishedAppeal]
        let nextCursor: String?
    }

    /// A published (redacted) appeal, with its published responses on the detail.
    struct PublishedAppeal: Decodable, Sendable {
        let id: UUID
        let title: LocalizedText
        let summary: LocalizedText
        let regionCode: Region
        let locality: String?
        let categoryCode: String
        let status: PublicStatus
        /// `YYYY-MM-DD` in Bishkek.
        let publishedOn: String
        let responses: [PublicResponse]?
    }

    /// A response as the public sees it.
    struct PublicResponse: Decodable, Sendable {
        let text: String
        let channel: ResponseChannel
        let reference: String?
        let at: Date
        /// The broadcast, for an answer given on air.
        let onAir: OnAir?
    }

    /// An answer given on air: the episode, the replay at the answer's start, the approved summary.
    struct OnAir: Decodable, Sendable {
        let episodeTitle: LocalizedText
        /// The day of the broadcast (`YYYY-MM-DD`, Bishkek).
        let answeredOn: String
        let replayURL: String?
        let summary: LocalizedText
    }

    /// `GET /api/v1/appeals/categories` and `…/vulnerable-groups`.
    struct Entries: Decodable, Sendable {
        let items: [Entry]
    }

    /// A category or a vulnerable group.
    struct Entry: Decodable, Sendable {
        let code: String
        let name: LocalizedText
        let isRetired: Bool
    }

    /// `POST /api/v1/appeals`: the appeal as the form's visitor typed it.
    struct NewAppeal: Encodable, Sendable {
        let channel = "web"
        let regionCode: String
        let locality: String?
        let categoryCode: String
        let language: Language
        let description: String
        let submitter: Submitter?
        let consent: Consent
    }

    /// Who sent an appeal and how to reach them, all optional.
    struct Submitter: Encodable, Sendable {
        var name: String?
        var phone: String?
        var email: String?
        var gender: String?
        var ageGroup: String?
        var vulnerableGroups: [String]?
    }

    /// What the visitor agreed to.
    struct Consent: Encodable, Sendable {
        let contact: Bool
        let publication: Bool
    }

    /// The answer to a new appeal: the tracking code only in the first answer, a notice in a replay.
    struct Receipt: Decodable, Sendable {
        let id: UUID
        let status: PublicStatus
        let responseDueAt: Date
        let trackingCode: String?
        let replayNotice: String?
    }

    /// `POST /api/v1/appeals/track`'s body: the code stays out of every URL.
    struct TrackingRequest: Encodable, Sendable {
        let code: String
    }

    /// What the appellant sees of their appeal.
    struct Tracking: Decodable, Sendable {
        let status: PublicStatus
        let lastUpdatedAt: Date
        let responseDueAt: Date
        let notes: [Note]
        let responses: [PublicResponse]
    }

    /// A public note staff left on a step of the appeal.
    struct Note: Decodable, Sendable {
        let at: Date
        let text: String
    }
}

/// An appeal's status, as appeals names it; the pages say it in words (`status_<code>` in the catalogues).
enum PublicStatus: String, Decodable, CaseIterable, Sendable {
    case received
    case inVerification = "in_verification"
    case verified, referred, answered, closed, rejected

    /// The catalogue key of the status in words.
    var textKey: String { "status_\(rawValue)" }
}

/// How a response was given; `broadcast` is "answered on air".
enum ResponseChannel: String, Decodable, CaseIterable, Sendable {
    case written, broadcast, hearing

    /// The catalogue key of the channel in words.
    var textKey: String { "response_channel_\(rawValue)" }
}
