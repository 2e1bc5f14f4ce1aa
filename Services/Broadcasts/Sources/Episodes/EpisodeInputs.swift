import Foundation
import Models
import ServiceKit

// The bodies that create and change an episode and its guests, each validating itself before the workflow runs.

/// `POST /api/v1/broadcasts/episodes`: a new planned episode of a show; `moderationMode` defaults to `strict`.
struct NewEpisode: Decodable {
    let showId: UUID
    let theme: LocalizedText
    let startsAt: Date
    let durationMinutes: Int
    let streamUrl: String?
    let replayUrl: String?
    let producer: String?
    let moderator: String?
    let moderationMode: ModerationMode?
    let regionCode: Region?

    /// The details it describes, validated.
    func details() throws -> EpisodeDetails {
        let details = EpisodeDetails(
            theme: theme, startsAt: startsAt, durationMinutes: durationMinutes, streamUrl: streamUrl?.nilIfBlank,
            replayUrl: replayUrl?.nilIfBlank, producer: producer?.nilIfBlank, moderator: moderator?.nilIfBlank,
            moderationMode: moderationMode ?? .strict, regionCode: regionCode)
        try details.validate()
        return details
    }
}

/// `PATCH /api/v1/broadcasts/episodes/{id}`: the fields given replace the stored ones; absent or `null`
/// ones stay. A new start is a move: it goes through the `rescheduled` transition instead.
struct EpisodePatch: Decodable {
    let theme: LocalizedText?
    let durationMinutes: Int?
    let streamUrl: String?
    let replayUrl: String?
    let producer: String?
    let moderator: String?
    let moderationMode: ModerationMode?
    let regionCode: Region?

    /// `details` with this patch applied, validated, and the names of the fields it changed.
    func applied(to details: EpisodeDetails) throws -> (EpisodeDetails, changed: [String]) {
        var patched = details
        var changed: [String] = []
        func set<Value: Equatable>(_ keyPath: WritableKeyPath<EpisodeDetails, Value>, _ value: Value?, _ name: String) {
            guard let value, patched[keyPath: keyPath] != value else { return }
            patched[keyPath: keyPath] = value
            changed.append(name)
        }
        set(\.theme, theme, "theme")
        set(\.durationMinutes, durationMinutes, "durationMinutes")
        set(\.streamUrl, streamUrl.map { Optional.some($0) }, "streamUrl")
        set(\.replayUrl, replayUrl.map { Optional.some($0) }, "replayUrl")
        set(\.producer, producer.map { Optional.some($0) }, "producer")
        set(\.moderator, moderator.map { Optional.some($0) }, "moderator")
        set(\.moderationMode, moderationMode, "moderationMode")
        set(\.regionCode, regionCode.map { Optional.some($0) }, "regionCode")
        try patched.validate()
        return (patched, changed)
    }
}

/// `POST /api/v1/broadcasts/episodes/{id}/transitions`: `rescheduled` needs the new `startsAt`, `cancelled`
/// a `reason`.
struct EpisodeTransition: Decodable {
    let to: EpisodeStatus
    let note: String?
    let reason: String?
    let startsAt: Date?

    func validate() throws {
        var errors = FieldErrors()
        errors.check(note, BroadcastLimits.note, field: "note")
        if to == .cancelled {
            errors.require(reason != nil, field: "reason", "is required when cancelling")
            errors.check(reason, BroadcastLimits.cancellationReason, field: "reason")
        }
        if to == .rescheduled { errors.require(startsAt != nil, field: "startsAt", "is required when rescheduling: the new start") }
        try errors.throwIfAny()
    }
}
