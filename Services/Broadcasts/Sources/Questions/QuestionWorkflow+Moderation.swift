import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// What moderators do: move a question along ``QuestionState/allowedTransitions`` (rejecting with a
/// reason, merging into another question, deferring to the show's next episode), edit its public text and
/// place it in the queue.
extension QuestionWorkflow {
    /// The public text and the queue position the patch gives.
    func edit(_ caller: Authorized, ifMatch request: Request, _ patch: QuestionPatch) async throws -> Question {
        try await change(caller, ifMatch: request) { question, _ in
            let (patched, changed) = try patch.applied(to: question)
            question = patched
            return [Entry(action: .edited, note: "changed: \(changed.isEmpty ? "nothing" : changed.joined(separator: ", "))")]
        }
    }

    /// Moves the question as `move` says.
    func move(_ caller: Authorized, ifMatch request: Request, _ move: QuestionMove) async throws -> Question {
        try move.validate()
        // What the move needs beyond the question, read before the change so a refusal changes nothing.
        var target: Question?
        var nextEpisode: UUID?
        switch move.to {
        case .merged:
            target = try await questions.find(move.mergeInto!)
            guard let target, target.id != caller.question.id, target.episodeId == caller.question.episodeId,
                ![.hidden, .rejected, .merged].contains(target.state)
            else { throw ServiceError.mergeTargetInvalid }
        case .deferred:
            nextEpisode = try await questions.nextEpisode(after: caller.episode)
        default:
            break
        }
        return try await change(caller, ifMatch: request) { question, now in
            let from = question.state
            guard from.allowedTransitions.contains(move.to) else {
                throw ServiceError.illegalQuestionTransition(from: from, allowed: from.allowedTransitions)
            }
            var entry = Entry(action: .transition, from: from, to: move.to, note: move.note)
            switch move.to {
            case .rejected:
                question.rejectionReason = move.reason
                entry.note = ["reason: \(move.reason ?? "")", move.note].compactMap { $0 }.joined(separator: "; ")
            case .merged:
                // Validated above.
                let target = target!
                question.mergedInto = target.id
                question.queuePosition = nil
                entry.statements = [questions.countMergeStatement(into: target.id, at: now)]
                entry.alsoChanged = [target.id]
                entry.note = ["merged into \(target.id.text)", move.note].compactMap { $0 }.joined(separator: "; ")
            case .deferred:
                guard let nextEpisode else { throw ServiceError.noNextEpisode }
                question.deferredFromEpisodeId = question.episodeId
                question.episodeId = nextEpisode
                question.queuePosition = nil
                entry.note = ["moved to episode \(nextEpisode.text)", move.note].compactMap { $0 }.joined(separator: "; ")
            case .answered, .partiallyAnswered:
                if question.answeredAt == nil { question.answeredAt = now }
            case .approved, .hidden:
                // Out of the queue: a question queued again takes a new place.
                if from == .queued || from == .deferred { question.queuePosition = nil }
            default:
                break
            }
            question.state = move.to
            return [entry]
        }
    }
}
