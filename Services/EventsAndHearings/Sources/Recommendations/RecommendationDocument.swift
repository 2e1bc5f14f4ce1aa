import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// A recommendation as the API shows it; `overdue` as of the service's day (Bishkek).
struct RecommendationDocument: Codable, Sendable {
    var id: UUID
    var eventId: UUID
    var text: LocalizedText
    var dutyBearerId: UUID
    var dueOn: String
    var status: RecommendationStatus
    var progress: Int
    var overdue: Bool
    var firstResponseAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ recommendation: Recommendation, today: String) {
        id = recommendation.id
        eventId = recommendation.eventID
        text = recommendation.text
        dutyBearerId = recommendation.dutyBearerID
        dueOn = recommendation.dueOn
        status = recommendation.status
        progress = recommendation.progress
        overdue = recommendation.isOverdue(today: today)
        firstResponseAt = recommendation.firstResponseAt
        createdAt = recommendation.createdAt
        updatedAt = recommendation.updatedAt
        version = recommendation.version
    }

    /// The recommendation with its ETag, `status` unless told.
    static func response(_ recommendation: Recommendation, today: String, status: HTTPResponse.Status = .ok) throws -> Response {
        try .json(RecommendationDocument(recommendation, today: today), status: status, eTag: recommendation.eTag)
    }
}

/// `GET /api/v1/events/{id}/recommendations`: every recommendation of the event, in the order made.
struct RecommendationList: Codable, Sendable, ResponseEncodable {
    var items: [RecommendationDocument]
}

extension RecommendationRepository.Entry: ResponseEncodable {}

/// `GET /api/v1/events/recommendations/{id}/history`.
struct RecommendationHistoryDocument: Codable, Sendable, ResponseEncodable {
    var entries: [RecommendationRepository.Entry]
}
