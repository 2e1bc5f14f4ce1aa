import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// An answer as the API shows it. Who logged it is for those who read the whole log.
struct AnswerDocument: Codable, Sendable, ResponseEncodable {
    var id: UUID
    var episodeId: UUID
    var questionId: UUID
    var startSecond: Int
    var endSecond: Int
    var guestId: UUID
    var summary: LocalizedText
    var legalReferences: [LegalReference]
    var adviceType: AdviceType
    var followUpOwner: String?
    var followUpDueOn: String?
    var reviewStatus: ReviewStatus
    var approvedAt: Date?
    var createdBy: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ answer: Answer, for identity: Identity) {
        let details = answer.details
        id = answer.id
        episodeId = answer.episodeId
        questionId = answer.questionId
        startSecond = details.startSecond
        endSecond = details.endSecond
        guestId = details.guestId
        summary = details.summary
        legalReferences = details.legalReferences
        adviceType = details.adviceType
        followUpOwner = details.followUpOwner
        followUpDueOn = details.followUpDueOn
        reviewStatus = answer.reviewStatus
        approvedAt = answer.approvedAt
        createdBy = AnswerAccess.seesUnapproved(identity) ? answer.createdBySubject : nil
        createdAt = answer.createdAt
        updatedAt = answer.updatedAt
        version = answer.version
    }

    /// The answer with its ETag, `status` unless told.
    static func response(_ answer: Answer, for identity: Identity, status: HTTPResponse.Status = .ok) throws -> Response {
        try .json(AnswerDocument(answer, for: identity), status: status, eTag: answer.eTag)
    }
}

/// An episode's answer log: `GET /api/v1/broadcasts/episodes/{id}/answers`, in the order of the recording.
struct AnswerList: Codable, Sendable, ResponseEncodable {
    var answers: [AnswerDocument]
}

/// An answer's history: `GET /api/v1/broadcasts/answers/{answerId}/history`.
struct AnswerHistoryDocument: Codable, Sendable, ResponseEncodable {
    var entries: [AnswerHistoryRepository.Entry]
}
