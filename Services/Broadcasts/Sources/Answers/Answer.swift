import Foundation
import Models
import ServiceKit

/// The answer log's entry for one question answered on air in one episode: where in the recording, who
/// answered, what was said, and the legal review of that summary.
struct Answer: Sendable {
    var id: UUID
    var episodeId: UUID
    var questionId: UUID
    var details: AnswerDetails
    var reviewStatus: ReviewStatus
    /// When a legal expert approved the summary; `nil` until then.
    var approvedAt: Date?
    var createdBySubject: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    var eTag: String { "\"\(version)\"" }
}

/// Everything about an answer its producers write; the legal review decides on the `summary`.
struct AnswerDetails: Equatable, Sendable {
    /// Where the answer starts in the recording, in whole seconds from its beginning.
    var startSecond: Int
    /// Where it ends, after ``startSecond``.
    var endSecond: Int
    /// The guest of the episode who answered.
    var guestId: UUID
    var summary: LocalizedText
    var legalReferences: [LegalReference]
    var adviceType: AdviceType
    /// Who follows the answer up (an office, a body), if anyone does.
    var followUpOwner: String?
    /// By when (`YYYY-MM-DD`, Bishkek); only with an owner.
    var followUpDueOn: String?

    /// Every problem with the details, field by field.
    func validate() throws {
        var errors = FieldErrors()
        errors.checkRange(startSecond, in: AnswerLimits.timecode, field: "startSecond")
        errors.checkRange(endSecond, in: AnswerLimits.timecode, field: "endSecond")
        errors.require(endSecond > startSecond, field: "endSecond", "must be after startSecond")
        errors.check(languagesOf: summary, AnswerLimits.summary, field: "summary")
        errors.checkCount(legalReferences, in: 0...AnswerLimits.maxLegalReferences, field: "legalReferences")
        for (index, reference) in legalReferences.enumerated() {
            errors.check(reference.law, AnswerLimits.law, field: "legalReferences[\(index)].law")
            errors.check(reference.article, AnswerLimits.article, field: "legalReferences[\(index)].article")
        }
        errors.check(followUpOwner, AnswerLimits.followUpOwner, field: "followUpOwner")
        if let day = followUpDueOn {
            errors.require(BishkekTime.isDay(day), field: "followUpDueOn", "must be a day, YYYY-MM-DD")
            errors.require(followUpOwner != nil, field: "followUpOwner", "is required with followUpDueOn: who follows up by then")
        }
        try errors.throwIfAny()
    }
}

/// A provision the answer relied on: the law (a code, a statute) and its article.
struct LegalReference: Codable, Equatable, Sendable {
    var law: String
    var article: String
}

/// What kind of help the answer gave.
enum AdviceType: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// What the law says and where to turn.
    case information
    /// Sent on to a body or service that can act.
    case referral
    /// A lawyer's view of the person's case.
    case legalOpinion = "legal_opinion"
    /// An official promised on air to act: the follow-up owner and due date hold them to it.
    case commitmentByOfficial = "commitment_by_official"
}
