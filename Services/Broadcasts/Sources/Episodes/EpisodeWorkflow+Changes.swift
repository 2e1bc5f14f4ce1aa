import Foundation
import Hummingbird
import Models
import SQLKit
import ServiceKit

/// The changes to the episode itself: its details and its status.
extension EpisodeWorkflow {
    /// Replaces the details the patch gives.
    func edit(_ caller: Authorized, ifMatch request: Request, _ patch: EpisodePatch) async throws -> Episode {
        try await change(caller, ifMatch: request) { episode, _ in
            let (details, changed) = try patch.applied(to: episode.details)
            episode.details = details
            return [Entry(action: .edited, note: "changed: \(changed.isEmpty ? "nothing" : changed.joined(separator: ", "))")]
        }
    }

    /// Moves the episode along ``EpisodeStatus/allowedTransitions``: announcing makes it public,
    /// rescheduling moves its start, cancelling records the reason, publishing needs the replay link; `also`
    /// writes in the move's transaction.
    func transition(
        _ caller: Authorized, ifMatch request: Request, _ input: EpisodeTransition,
        also: @escaping @Sendable (Episode, Date, any SQLDatabase) async throws -> Void = { _, _, _ in }
    ) async throws -> Episode {
        try await change(caller, ifMatch: request, also: also) { episode, now in
            let from = episode.status
            guard from.allowedTransitions.contains(input.to) else {
                throw ServiceError.illegalTransition(from: from, allowed: from.allowedTransitions)
            }
            var note = input.note
            switch input.to {
            case .rescheduled:
                // Validated: it is given.
                let startsAt = input.startsAt!
                guard startsAt != episode.details.startsAt else {
                    throw ServiceError.validationFailed(["startsAt": "must differ from the current start: rescheduling needs a new one"])
                }
                episode.details.startsAt = startsAt
                note = ["moved to \(RFC3339.string(from: startsAt))", input.note].compactMap { $0 }.joined(separator: "; ")
            case .cancelled:
                episode.cancellationReason = input.reason
                note = ["reason: \(input.reason ?? "")", input.note].compactMap { $0 }.joined(separator: "; ")
            case .announced, .intakeOpen:
                if episode.announcedAt == nil { episode.announcedAt = now }
            case .published:
                guard episode.details.replayUrl != nil else {
                    throw ServiceError.validationFailed(["replayUrl": "is required to publish: set the recording's link first"])
                }
            default:
                break
            }
            episode.status = input.to
            return [Entry(action: .transition, from: from, to: input.to, note: note)]
        }
    }
}
