import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way the answer log changes: load → access → `If-Match` → mutate → version + 1 → save with its
/// history (and, on approval, the fact for appeals) in one transaction. Controllers decide nothing.
struct AnswerWorkflow: Sendable {
    let answers: AnswerRepository
    let history: AnswerHistoryRepository
    let questions: QuestionRepository
    let guests: GuestRepository
    let shows: ShowRepository
    let episodes: EpisodeWorkflow
    let facts: AnswerFacts
    /// The time now (history, approval); injected so tests can move it.
    let now: @Sendable () -> Date

    /// The episode statuses in which answers are logged: from going on air on.
    static let loggedStatuses: Set<EpisodeStatus> = [.live, .ended, .published]

    /// A caller and the answer and episode as loaded for them.
    struct Authorized {
        let principal: Principal
        let answer: Answer
        let episode: Episode
    }

    /// The answer `answerID` names, if `identity` may see it: its episode visible to them, and approved
    /// unless they read the whole log; otherwise 404.
    func load(_ answerID: UUID?, for identity: Identity) async throws -> (Answer, Episode) {
        guard let answerID, let answer = try await answers.find(answerID) else { throw ServiceError.notFound("answer") }
        guard answer.reviewStatus == .approved || AnswerAccess.seesUnapproved(identity) else { throw ServiceError.notFound("answer") }
        return (answer, try await episodes.load(answer.episodeId, for: identity))
    }

    /// Loads the answer for `principal`, whom the controller has checked may read the whole log.
    func authorize(_ principal: Principal, answerID: UUID?) async throws -> Authorized {
        let (answer, episode) = try await load(answerID, for: .principal(principal))
        return Authorized(principal: principal, answer: answer, episode: episode)
    }

    /// Logs the answer to a question answered on air in `episodeID`.
    func create(episodeID: UUID?, _ input: NewAnswer, by principal: Principal) async throws -> Answer {
        let episode = try await episodes.load(episodeID, for: .principal(principal))
        guard Self.loggedStatuses.contains(episode.status) else { throw ServiceError.episodeNotAired(episode.status) }
        let details = try input.details()
        guard let question = try await questions.find(input.questionId), question.episodeId == episode.id else {
            throw ServiceError.validationFailed(["questionId": "names no question of this episode"])
        }
        guard question.state.isAnswered else { throw ServiceError.questionNotAnswered(question.state) }
        try await requireGuest(details.guestId, of: episode)
        let now = now()
        let answer = Answer(
            id: .v7(at: now), episodeId: episode.id, questionId: question.id, details: details, reviewStatus: .draft, approvedAt: nil,
            createdBySubject: principal.subject, createdAt: now, updatedAt: now, version: 1)
        try await answers.database.transaction { [answers, history, questions] session in
            // Under the episode's lock, so two producers logging the same answer at once get one answer and a 409.
            _ = try await questions.lockEpisode(episode.id, on: session)
            guard try await answers.count(in: episode.id, on: session) < AnswerLimits.maxAnswersPerEpisode else { throw ServiceError.answerLogFull }
            guard try await !answers.exists(question: question.id, episode: episode.id, on: session) else { throw ServiceError.answerExists }
            try await answers.insert(answer, on: session)
            try await session.raw(history.appendStatement(to: answer.id, actor: principal.subject, action: .created, to: .draft, at: now)).run()
        }
        return answer
    }

    /// Replaces the details the patch gives, while the producers may still change them.
    func edit(_ caller: Authorized, ifMatch request: Request, _ patch: AnswerPatch) async throws -> Answer {
        // A change without If-Match is refused (428) before its content is judged, as every other change is.
        try request.checkIfMatch(currentETag: caller.answer.eTag)
        guard caller.answer.reviewStatus.isEditable else { throw ServiceError.answerNotEditable(caller.answer.reviewStatus) }
        let (details, changed) = try patch.applied(to: caller.answer.details)
        if details.guestId != caller.answer.details.guestId { try await requireGuest(details.guestId, of: caller.episode) }
        return try await change(caller, ifMatch: request) { answer, _ in
            answer.details = details
            return (.edited, nil, "changed: \(changed.isEmpty ? "nothing" : changed.joined(separator: ", "))")
        }
    }

    /// Moves the review along ``ReviewStatus/allowedTransitions``: producers send to review, legal experts
    /// decide. Approving tells the appeal the question came from, in the same transaction.
    func transition(_ caller: Authorized, ifMatch request: Request, _ input: AnswerTransition) async throws -> Answer {
        // Who may make the move first (403), then If-Match (428), then whether the move is legal now (409), as for
        // every other change.
        guard AnswerAccess.mayMove(caller.principal, to: input.to) else {
            let reason = input.to.isReviewDecision ? "Only a legal expert decides on a summary." : "Only producers send a summary to review."
            throw ServiceError.forbidden(because: reason)
        }
        try request.checkIfMatch(currentETag: caller.answer.eTag)
        let from = caller.answer.reviewStatus
        guard from.allowedTransitions.contains(input.to) else { throw ServiceError.illegalReviewTransition(from: from, allowed: from.allowedTransitions) }
        let approval: (Question, Show)?
        if input.to == .approved {
            guard let question = try await questions.find(caller.answer.questionId), let show = try await shows.find(caller.episode.showId) else {
                throw ServiceError.notFound("question")
            }
            approval = (question, show)
        } else {
            approval = nil
        }
        let saved = try await change(caller, ifMatch: request) { answer, now in
            answer.reviewStatus = input.to
            if input.to == .approved { answer.approvedAt = now }
            return (.transition, from, input.note)
        } also: { [facts, episode = caller.episode] answer, now, session in
            guard let (question, show) = approval else { return }
            try await facts.recordApproval(of: answer, to: question, in: episode, of: show, at: now, on: session)
        }
        if approval != nil { facts.deliverSoon() }
        return saved
    }

    /// What publishing `episode` tells appeals again: its approved answers, with their questions and show. One
    /// approved before the replay was published had no link to give; appeals brings its record up to date (and
    /// ignores one told again unchanged). Read before the publishing's transaction, which ``retell(_:in:at:on:)``
    /// writes in.
    func answersToRetell(of episode: Episode) async throws -> (show: Show, answers: [(Answer, Question)])? {
        guard let show = try await shows.find(episode.showId) else { return nil }
        var told: [(Answer, Question)] = []
        for answer in try await answers.answers(in: episode.id, approvedOnly: true) {
            if let question = try await questions.find(answer.questionId) { told.append((answer, question)) }
        }
        return (show, told)
    }

    /// Writes the facts of ``answersToRetell(of:)`` about the published `episode`, on `session`.
    func retell(_ retold: (show: Show, answers: [(Answer, Question)]), in episode: Episode, at now: Date, on session: any SQLDatabase)
        async throws
    {
        for (answer, question) in retold.answers {
            try await facts.recordApproval(of: answer, to: question, in: episode, of: retold.show, at: now, on: session)
        }
    }

    /// Checks `If-Match` against the loaded version, applies `mutate` (which names the history entry), and
    /// saves the answer with its history entry and whatever `also` writes in one transaction.
    private func change(
        _ caller: Authorized, ifMatch request: Request,
        _ mutate: (inout Answer, Date) throws -> (AnswerHistoryAction, from: ReviewStatus?, note: String?),
        also: @escaping @Sendable (Answer, Date, any SQLDatabase) async throws -> Void = { _, _, _ in }
    ) async throws -> Answer {
        var answer = caller.answer
        try request.checkIfMatch(currentETag: answer.eTag)
        let now = now()
        let expectedVersion = answer.version
        let (action, from, note) = try mutate(&answer, now)
        answer.version += 1
        answer.updatedAt = now
        let saved = answer
        let actor = caller.principal.subject
        let to = from == nil ? nil : saved.reviewStatus
        try await answers.database.transaction { [answers, history] session in
            guard try await answers.update(saved, expectedVersion: expectedVersion, on: session) else { throw ServiceError.staleVersion }
            try await session.raw(history.appendStatement(to: saved.id, actor: actor, action: action, from: from, to: to, note: note, at: now)).run()
            try await also(saved, now, session)
        }
        return saved
    }

    /// 422 unless `guestID` is one of the episode's guests.
    private func requireGuest(_ guestID: UUID, of episode: Episode) async throws {
        guard try await guests.guests(of: episode.id).contains(where: { $0.id == guestID }) else {
            throw ServiceError.validationFailed(["guestId": "names no guest of this episode"])
        }
    }
}
