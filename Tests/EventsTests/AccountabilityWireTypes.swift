import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport

// What the tests of reports, recommendations and scorecards read of the service's answers.

/// An event's report.
struct ReportView: Decodable {
    let eventId: String
    let status: String
    let minutes: [String: String]
    let attendeeCount: Int
    let participants: [String: [String: Int]]?
    let issuesRaised: [[String: String]]
    let relatedAppeals: [[String: String]]?
    let submittedAt: Date?
    let approvedAt: Date?
    let version: Int
}

/// A recommendation.
struct RecommendationView: Decodable {
    let id: String
    let eventId: String
    let dutyBearerId: String
    let dueOn: String
    let status: String
    let progress: Int
    let overdue: Bool
    let firstResponseAt: Date?
    let version: Int
}

/// A recommendation's history.
struct RecommendationHistory: Decodable {
    let entries: [Entry]

    struct Entry: Decodable {
        let actor: String?
        let from: String?
        let to: String
        let progress: Int
        let evidence: Evidence?
    }

    struct Evidence: Decodable {
        let note: String?
        let link: String?
        let file: [String: String]?
    }
}

/// A scorecard.
struct ScorecardView: Decodable, Equatable {
    let scope: String
    let asOf: String
    let recommendations: Int
    let accepted: Int
    let implemented: Int
    let overdue: Int
    let medianDaysToFirstResponse: Double?
}

extension EventsHarness {
    /// A public hearing moved along the main line to `status` (`held` unless told).
    func heldEvent(_ fields: [String: Any] = EventsHarness.hearing(), to status: String = "held") async throws -> EventView {
        let event = try await create(fields)
        try await advance(event.id, to: status)
        return event
    }

    /// A report body: 20 attendees, counted by sex and stakeholder type, with `overrides` replaced.
    static func report(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "minutes": ["en": "The akimiat promised a new pipe.", "ky": "Аким жаңы түтүк убада кылды."],
            "attendeeCount": 20,
            "participants": [
                "sex": ["female": 11, "male": 8], "ageBand": ["18_29": 5], "vulnerableGroup": ["rural_residents": 20, "women": 11],
                "stakeholderType": ["right_holder": 15, "duty_bearer": 3],
            ],
            "issuesRaised": [["en": "No drinking water in summer"]],
            "relatedAppeals": [["service": "appeals", "type": "appeal", "id": UUID().uuidString]],
        ]
        fields.merge(overrides) { $1 }
        return fields
    }

    /// Sends a change to `path` with the ETag a `GET` of it just read.
    @discardableResult
    func changeResource(
        _ method: HTTPRequest.Method, _ path: String, _ suffix: String = "", as caller: TestIdentity = Self.coordinator, json: Any? = nil
    ) async throws -> TestResponse {
        let current = try await send(.get, path, as: caller)
        return try await send(method, path + suffix, as: caller, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    /// Makes a recommendation at `eventID` to `dutyBearer`, failing the test when it is refused.
    func recommend(_ eventID: String, to dutyBearer: UUID, dueOn: String = "2027-06-30") async throws -> RecommendationView {
        let response = try await send(
            .post, "/api/v1/events/\(eventID)/recommendations", as: Self.coordinator,
            json: ["text": ["en": "Repair the pipe"], "dutyBearerId": dutyBearer.uuidString, "dueOn": dueOn])
        guard response.status == .created else { throw HarnessError("recommendation refused: \(response.status) \(response.text)") }
        return try response.decoded()
    }

    /// Moves a recommendation to `status` with a note as evidence.
    @discardableResult
    func move(_ recommendationID: String, to status: String, extra: [String: Any] = [:]) async throws -> TestResponse {
        try await changeResource(
            .post, "/api/v1/events/recommendations/\(recommendationID)", "/transitions",
            json: extra.merging(["to": status, "evidence": ["note": "Letter of the ministry"]]) { $1 })
    }

    /// Invites someone as `role` to `eventID` and records whether they came, failing the test on a refusal.
    func invite(_ eventID: String, role: String, attendance: String) async throws {
        struct Created: Decodable {
            let id: String
            let version: Int
        }
        let path = "/api/v1/events/\(eventID)/invitations"
        let invited = try await send(.post, path, as: Self.coordinator, json: ["inviteeName": "Invitee", "role": role])
        guard invited.status == .created else { throw HarnessError("invitation refused: \(invited.status) \(invited.text)") }
        let created = try invited.decoded(as: Created.self)
        let id = created.id
        let marked = try await send(
            .put, "\(path)/\(id)/attendance", as: Self.coordinator, json: ["attendance": attendance], headers: [.ifMatch: "\"\(created.version)\""])
        guard marked.status == .ok else { throw HarnessError("attendance refused: \(marked.status) \(marked.text)") }
    }
}
