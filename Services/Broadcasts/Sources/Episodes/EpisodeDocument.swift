import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// An episode as the API shows it. Times are UTC. Who produces and moderates it is for staff only.
struct EpisodeDocument: Codable, Sendable, ResponseEncodable {
    var id: UUID
    var showId: UUID
    var theme: LocalizedText
    var startsAt: Date
    var endsAt: Date
    var durationMinutes: Int
    var streamUrl: String?
    var replayUrl: String?
    var producer: String?
    var moderator: String?
    var moderationMode: ModerationMode
    var regionCode: Region?
    var status: EpisodeStatus
    var cancellationReason: String?
    var announcedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ episode: Episode, for identity: Identity) {
        let details = episode.details
        let isStaff = BroadcastAccess.seesUnannounced(identity)
        id = episode.id
        showId = episode.showId
        theme = details.theme
        startsAt = details.startsAt
        endsAt = details.endsAt
        durationMinutes = details.durationMinutes
        streamUrl = details.streamUrl
        replayUrl = details.replayUrl
        producer = isStaff ? details.producer : nil
        moderator = isStaff ? details.moderator : nil
        moderationMode = details.moderationMode
        regionCode = details.regionCode
        status = episode.status
        cancellationReason = episode.cancellationReason
        announcedAt = episode.announcedAt
        createdAt = episode.createdAt
        updatedAt = episode.updatedAt
        version = episode.version
    }

    /// The episode with its ETag, `status` unless told.
    static func response(_ episode: Episode, for identity: Identity, status: HTTPResponse.Status = .ok) throws -> Response {
        try .json(EpisodeDocument(episode, for: identity), status: status, eTag: episode.eTag)
    }
}

extension EpisodeHistoryRepository.Entry: ResponseEncodable {}

/// An episode's history: `GET /api/v1/broadcasts/episodes/{id}/history`.
struct EpisodeHistoryDocument: Codable, Sendable, ResponseEncodable {
    var entries: [EpisodeHistoryRepository.Entry]
}
