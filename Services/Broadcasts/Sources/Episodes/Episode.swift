import Foundation
import Models
import ServiceKit

/// An episode as stored: its editable ``EpisodeDetails`` and what the workflow keeps about it.
struct Episode: Sendable {
    var id: UUID
    var showId: UUID
    var details: EpisodeDetails
    var status: EpisodeStatus
    var cancellationReason: String?
    /// When it was first announced; `nil` while only staff may see it.
    var announcedAt: Date?
    var createdBySubject: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    var eTag: String { "\"\(version)\"" }

    /// Whether the public may see it: once announced, whatever happened to it after.
    var isAnnounced: Bool { announcedAt != nil }
}

/// Everything about an episode its producers write: what, when, where to watch, who runs it.
struct EpisodeDetails: Equatable, Sendable {
    var theme: LocalizedText
    var startsAt: Date
    var durationMinutes: Int
    var streamUrl: String?
    /// The recording, once there is one; publishing needs it.
    var replayUrl: String?
    /// The account (subject) of the coordinator who produces it.
    var producer: String?
    /// The account (subject) of the coordinator who moderates its questions.
    var moderator: String?
    var moderationMode: ModerationMode
    /// The region it is made in or for (a national broadcast from the capital: `KG-GB`); the indicators
    /// count an aired episode under it, and leave out one without.
    var regionCode: Region? = nil

    /// When it ends on air.
    var endsAt: Date { startsAt.addingTimeInterval(TimeInterval(durationMinutes) * 60) }

    /// Every problem with the details, field by field.
    func validate() throws {
        var errors = FieldErrors()
        errors.check(languagesOf: theme, BroadcastLimits.theme, field: "theme")
        errors.checkRange(durationMinutes, in: BroadcastLimits.durationMinutes, field: "durationMinutes")
        for (field, link) in [("streamUrl", streamUrl), ("replayUrl", replayUrl)] {
            guard let link else { continue }
            errors.require(
                BroadcastLimits.link.problem(with: link) == nil && BroadcastLinks.isWebLink(link),
                field: field, "must be an https:// or http:// link of at most \(BroadcastLimits.link.maxBytes) bytes")
        }
        errors.check(producer, BroadcastLimits.staffSubject, field: "producer")
        errors.check(moderator, BroadcastLimits.staffSubject, field: "moderator")
        try errors.throwIfAny()
    }
}

/// Whether an episode's questions are seen before a moderator approves them.
enum ModerationMode: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Nothing is public before approval.
    case strict
    /// Questions are public when received; a moderator hides what must not be.
    case permissive
}
