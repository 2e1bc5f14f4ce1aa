import Foundation
import Models

extension EventsWire {
    /// Where an event's report is (the API's `ReportStatus`).
    enum ReportState: String, Codable, CaseIterable, Sendable {
        case draft
        case submitted
        case approved

        /// Its name's catalogue key.
        var textKey: String { "report_status_\(rawValue)" }

        /// The moves the API's table allows from here (approving is for project staff; the API decides).
        var next: [ReportState] {
            switch self {
            case .draft: [.submitted]
            case .submitted: [.approved, .draft]
            case .approved: []
            }
        }
    }

    /// A reference to an appeal, as the report keeps it.
    struct AppealReference: Codable, Sendable {
        var service = "appeals"
        var type = "appeal"
        var id: UUID
    }

    /// An event's report, as those who run the event read it.
    struct Report: Decodable, Sendable {
        var status: ReportState
        var minutes: LocalizedText
        var attendeeCount: Int
        var issuesRaised: [LocalizedText]
        var participants: [String: [String: Int]]?
        var unregistered: Unregistered?
        var relatedAppeals: [AppealReference]?
    }

    /// Those who came without registering, counted by hand (through the API): the page keeps them as they are.
    struct Unregistered: Codable, Sendable {
        var attendeeCount: Int
        var participants: [String: [String: Int]]?
    }

    /// The content of a report, as drafting and replacing it take it.
    struct ReportInput: Encodable, Sendable {
        var minutes: LocalizedText
        var attendeeCount: Int
        var issuesRaised: [LocalizedText]
        var participants: [String: [String: Int]]?
        var unregistered: Unregistered?
        var relatedAppeals: [AppealReference]
    }

    /// A move of a report or a recommendation, with the evidence a recommendation's needs.
    struct Move: Encodable, Sendable {
        var to: String
        var note: String?
        var evidence: Evidence?
        var progress: Int?
    }

    /// Where a recommendation is (the API's `RecommendationStatus`).
    enum RecommendationState: String, Codable, CaseIterable, Sendable {
        case proposed
        case accepted
        case rejected
        case inProgress = "in_progress"
        case implemented
        case partiallyImplemented = "partially_implemented"
        case notImplemented = "not_implemented"

        /// Its name's catalogue key.
        var textKey: String { "recommendation_status_\(rawValue)" }

        /// The moves the API's table allows from here.
        var next: [RecommendationState] {
            switch self {
            case .proposed: [.accepted, .rejected]
            case .accepted: [.inProgress, .notImplemented]
            case .inProgress: [.implemented, .partiallyImplemented, .notImplemented]
            case .partiallyImplemented: [.inProgress, .implemented]
            case .rejected, .implemented, .notImplemented: []
            }
        }

        /// Whether progress is recorded on its own in this status.
        var isInWork: Bool { self == .inProgress || self == .partiallyImplemented }
    }

    /// What backs a recommendation's change: exactly one of a note and a link here (files are knowledge's).
    struct Evidence: Codable, Sendable {
        var note: String?
        var link: String?
    }

    /// A recommendation made at an event.
    struct Recommendation: Decodable, Sendable {
        var id: UUID
        var eventId: UUID
        var text: LocalizedText
        var dutyBearerId: UUID
        var dueOn: String
        var status: RecommendationState
        var progress: Int
        var overdue: Bool
    }

    /// `GET /api/v1/events/{id}/recommendations`.
    struct RecommendationList: Decodable, Sendable {
        var items: [Recommendation]
    }

    /// `POST /api/v1/events/{id}/recommendations`' body.
    struct NewRecommendation: Encodable, Sendable {
        var text: LocalizedText
        var dutyBearerId: UUID
        var dueOn: String
    }

    /// `POST …/recommendations/{id}/progress`' body.
    struct ProgressInput: Encodable, Sendable {
        var progress: Int
        var evidence: Evidence
        var note: String?
    }

    /// One change in a recommendation's history.
    struct RecommendationEntry: Decodable, Sendable {
        var occurredAt: Date
        var from: RecommendationState?
        var to: RecommendationState
        var progress: Int
        var note: String?
        var evidence: Evidence?
    }

    /// `GET /api/v1/events/recommendations/{id}/history`.
    struct RecommendationHistory: Decodable, Sendable {
        var entries: [RecommendationEntry]
    }
}
