import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// What broadcasts tells other services about the answer log (DESIGN.md §8): `broadcasts.question.answered`
/// (``BroadcastAnswer``) when the summary of an answer to a question imported from an appeal is approved,
/// written to the outbox in the transaction of the approval, one message per service that receives the
/// type. It carries the appeal's reference and public texts only.
struct AnswerFacts: Sendable {
    let outbox: Outbox
    /// The services that receive a type; the catalog's by default, a test's receiver in tests.
    let receivers: @Sendable (_ messageType: String) -> [String]

    /// Writes the fact about `answer` to `question`'s appeal, if it came from one, on `session`.
    func recordApproval(
        of answer: Answer, to question: Question, in episode: Episode, of show: Show, at now: Date, on session: any SQLDatabase
    ) async throws {
        guard question.source == .appeal, let appeal = question.appeal else { return }
        let payload = BroadcastAnswer(
            ref: appeal, episodeId: episode.id, episodeTitle: show.details.title, answeredOn: BishkekTime.day(of: episode.details.startsAt),
            replayURL: Self.replayLink(episode.details.replayUrl, at: answer.details.startSecond), summary: answer.details.summary)
        let messages = try receivers(BroadcastAnswer.messageType).map { receiver in
            try OutboxMessage(
                type: BroadcastAnswer.messageType, aggregate: "question:\(question.id.text)", receiver: receiver, payload: payload, occurredAt: now)
        }
        try await outbox.enqueue(messages, on: session)
    }

    /// The replay at `second` as a Media Fragments link (`#t=754`), replacing any fragment the link had; the
    /// plain link when the fragment would make it longer than appeals keeps; `nil` without a replay.
    static func replayLink(_ replay: String?, at second: Int) -> String? {
        guard let replay else { return nil }
        let base = replay.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? replay
        let link = "\(base)#t=\(second)"
        return link.utf8.count <= BroadcastLimits.link.maxBytes ? link : replay
    }

    /// Sends what the committed transaction wrote without waiting for the next poll.
    func deliverSoon() {
        outbox.deliverSoon()
    }
}
