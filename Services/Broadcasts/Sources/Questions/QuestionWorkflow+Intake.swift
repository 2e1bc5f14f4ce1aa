import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// How questions arrive: from anyone (anonymous allowed), from partners with an API key, and from appeals
/// staff import.
extension QuestionWorkflow {
    /// The episode statuses in which anyone may send a question.
    static let intakeStatuses: Set<EpisodeStatus> = [.intakeOpen, .live]

    /// Takes `input` for `episode` from `identity`: a partner's API key records its organisation as the
    /// source. Answers the question as its author sees it, with the receipt code shown once.
    func submit(_ input: NewQuestion, to episode: Episode, from identity: Identity) async throws -> QuestionReceipt {
        let (text, asker) = try input.validated()
        var source = QuestionSource.public
        var organization: UUID?
        var subject: String?
        if case .principal(let principal) = identity {
            subject = principal.subject
            if principal.isAPIKey {
                source = .partner
                organization = principal.organizationID
            }
        }
        let now = now()
        let question = Question(
            id: .v7(at: now), episodeId: episode.id, source: source, partnerOrganizationId: organization, appeal: nil,
            originalText: text, publicText: nil, language: input.language ?? .russian, region: input.region, topic: input.topic,
            asker: asker.isEmpty ? nil : asker, state: .received, rejectionReason: nil, mergedInto: nil, mergeCount: 0, queuePosition: nil,
            upvotes: 0, deferredFromEpisodeId: nil, answeredAt: nil, createdBySubject: subject, createdAt: now, updatedAt: now, version: 1)
        let code = try await insert(question, actor: subject ?? source.rawValue, withReceipt: true)
        return QuestionReceipt(question: QuestionDocument(question, for: .author), receiptCode: code)
    }

    /// Imports the appeal `input` names as a question of `episode`: its public summary only, fetched from
    /// appeals, with a reference back to the appeal.
    func importAppeal(_ input: AppealImport, to episode: Episode, by principal: Principal) async throws -> Question {
        guard !episode.status.isFinal, episode.status != .ended else { throw ServiceError.questionIntakeClosed(episode.status) }
        guard let summary = try await appeals.summary(of: input.appealId) else { throw ServiceError.appealNotQuotable }
        // The summary in the language asked for, or the first there is: the question keeps the one it is in.
        let language = ([input.language ?? .russian] + Language.allCases).first { summary.summary[$0] != nil } ?? .russian
        let text = summary.summary.text(preferring: [language])
        let now = now()
        let question = Question(
            id: .v7(at: now), episodeId: episode.id, source: .appeal, partnerOrganizationId: nil, appeal: .appeal(input.appealId),
            originalText: text, publicText: nil, language: language,
            region: summary.regionCode, topic: summary.categoryCode.flatMap(RightsTopic.init(rawValue:)), asker: nil, state: .received,
            rejectionReason: nil, mergedInto: nil, mergeCount: 0, queuePosition: nil, upvotes: 0, deferredFromEpisodeId: nil, answeredAt: nil,
            createdBySubject: principal.subject, createdAt: now, updatedAt: now, version: 1)
        _ = try await insert(question, actor: principal.subject, withReceipt: false)
        return question
    }

    /// Inserts the question with its first history entry and feed row under the episode's lock, checking
    /// there that the episode still takes it; returns the receipt code when one was asked for.
    private func insert(_ question: Question, actor: String, withReceipt: Bool) async throws -> String? {
        let codes = secrets.receiptCodes
        let code = try await questions.database.transaction { [questions, history, feed] session -> String? in
            let status = try await questions.lockEpisode(question.episodeId, on: session)
            if question.source != .appeal, let status, !Self.intakeStatuses.contains(status) {
                throw ServiceError.questionIntakeClosed(status)
            }
            if let appeal = question.appeal, try await questions.hasAppeal(appeal.id, in: question.episodeId, on: session) {
                throw ServiceError.appealAlreadyImported
            }
            guard try await questions.count(in: question.episodeId, on: session) < BroadcastLimits.maxQuestionsPerEpisode else {
                throw ServiceError.questionsFull
            }
            var code: String?
            var hash: String?
            if withReceipt {
                for _ in 0..<BroadcastLimits.receiptCodeAttempts {
                    let candidate = codes.generate()
                    let candidateHash = codes.hash(codes.normalize(candidate) ?? candidate)
                    if try await !questions.receiptTaken(candidateHash, on: session) {
                        (code, hash) = (candidate, candidateHash)
                        break
                    }
                }
                guard hash != nil else { throw ServiceError.internalError }
            }
            try await questions.insert(question, receiptHash: hash, on: session)
            try await session.raw(
                history.appendStatement(to: question, actor: actor, action: .received, to: .received, note: question.source.rawValue, at: question.createdAt)
            ).run()
            try await feed.record(question.id, in: question.episodeId, at: question.createdAt, on: session)
            return code
        }
        await signal.changed([question.episodeId])
        return code
    }

    /// The question a receipt code names, as its author sees it; `nil` for no such code.
    func lookup(receiptCode canonical: String) async throws -> Question? {
        try await questions.find(receiptHash: secrets.receiptCodes.hash(canonical))
    }
}
