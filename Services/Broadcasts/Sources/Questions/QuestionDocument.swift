import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// A question as the API shows it to one audience (``QuestionAudience``): the public reads the public text
/// only; staff also the original, the source and the history's ends; coordinators the asker.
struct QuestionDocument: Codable, Sendable, ResponseEncodable {
    var id: UUID
    var episodeId: UUID
    /// The text the audience reads: the moderator's public text, or the original.
    var text: String
    var language: Language
    var region: Region?
    var topic: RightsTopic?
    var state: QuestionState
    var mergeCount: Int
    var queuePosition: Int?
    var upvotes: Int
    var createdAt: Date
    var version: Int
    // Staff and the author.
    var originalText: String?
    var publicText: String?
    var rejectionReason: String?
    var mergedInto: UUID?
    // Staff.
    var source: QuestionSource?
    var partnerOrganizationId: UUID?
    var appeal: Reference?
    var deferredFromEpisodeId: UUID?
    var answeredAt: Date?
    var updatedAt: Date?
    // Coordinators.
    var asker: Asker?

    init(_ question: Question, for audience: QuestionAudience) {
        id = question.id
        episodeId = question.episodeId
        text = question.shownText
        language = question.language
        region = question.region
        topic = question.topic
        state = question.state
        mergeCount = question.mergeCount
        queuePosition = question.queuePosition
        upvotes = question.upvotes
        createdAt = question.createdAt
        version = question.version
        if audience != .public {
            originalText = question.originalText
            publicText = question.publicText
            rejectionReason = question.rejectionReason
            mergedInto = question.mergedInto
        }
        if audience.isStaff {
            source = question.source
            partnerOrganizationId = question.partnerOrganizationId
            appeal = question.appeal
            deferredFromEpisodeId = question.deferredFromEpisodeId
            answeredAt = question.answeredAt
            updatedAt = question.updatedAt
        }
        if audience == .coordinator { asker = question.asker }
    }

    /// The question with its ETag, `status` unless told.
    static func response(_ question: Question, for audience: QuestionAudience, status: HTTPResponse.Status = .ok) throws -> Response {
        try .json(QuestionDocument(question, for: audience), status: status, eTag: question.eTag)
    }
}

/// What intake answers: the question as its author sees it, and the receipt code, shown once.
struct QuestionReceipt: Codable, Sendable {
    var question: QuestionDocument
    /// The code with which the author reads their question (`POST …/questions/lookup`); only its hash is kept.
    var receiptCode: String?
}

extension QuestionHistoryRepository.Entry: ResponseEncodable {}

/// A question's history: `GET …/questions/{questionId}/history`.
struct QuestionHistoryDocument: Codable, Sendable, ResponseEncodable {
    var entries: [QuestionHistoryRepository.Entry]
}
