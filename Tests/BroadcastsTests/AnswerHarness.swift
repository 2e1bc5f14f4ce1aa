import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import TestSupport

/// The answer log's test steps: an episode on air with a confirmed guest, questions answered on it, and
/// answers logged and moved through the legal review.
extension BroadcastsHarness {
    static let legalExpert = TestIdentity.principal([.legalExpert])

    /// What an answered question's tests need: its episode, itself and the guest who answered.
    struct Answered {
        let episode: String
        let question: String
        let guest: String
    }

    /// Invites a confirmed guest to `episode` and returns the guest's ID.
    func confirmedGuest(_ episode: String, name: String = "Ombudsman of the Kyrgyz Republic") async throws -> String {
        let response = try await change(
            .post, episode, "/guests", json: ["kind": "person", "name": name, "role": "ombudsman", "status": "confirmed", "consentToRecording": true])
        guard response.status == .created else { throw HarnessError("guest refused: \(response.status) \(response.text)") }
        return try response.decoded(as: Identified.self).id
    }

    /// Moves `question` of `episode` along `states` as a coordinator, each with the ETag just read.
    func moveQuestion(_ episode: String, _ question: String, through states: [String]) async throws {
        let path = "/api/v1/broadcasts/episodes/\(episode)/questions/\(question)"
        for state in states {
            let current = try await send(.get, path, as: Self.coordinator)
            let moved = try await send(
                .post, path + "/transitions", as: Self.coordinator, json: ["to": state], headers: [.ifMatch: current.headers[.eTag] ?? ""])
            guard moved.status == .ok else { throw HarnessError("\(state) refused: \(moved.status) \(moved.text)") }
        }
    }

    /// An episode live with a confirmed guest, and a question from the public answered on it.
    func answeredQuestion(_ overrides: [String: Any] = [:], text: String = "May my pension be cut while I work?") async throws -> Answered {
        let episode = try await openEpisode("intake_open", overrides)
        let guest = try await confirmedGuest(episode)
        let question = try await askedQuestion(episode, text).question.id
        try await goLiveAndAnswer(episode, [question])
        return Answered(episode: episode, question: question, guest: guest)
    }

    /// Takes `episode` live and answers `questions` on it.
    func goLiveAndAnswer(_ episode: String, _ questions: [String]) async throws {
        let live = try await transition(episode, to: "live")
        guard live.status == .ok else { throw HarnessError("live refused: \(live.status) \(live.text)") }
        for question in questions { try await moveQuestion(episode, question, through: ["approved", "queued", "on_air", "answered"]) }
    }

    /// A valid answer body for `answered`, with the given fields replaced.
    static func answer(_ answered: Answered, _ overrides: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "questionId": answered.question, "startSecond": 754, "endSecond": 900, "guestId": answered.guest,
            "summary": ["ky": "Пенсия иштеп жатканда кыскарбайт.", "en": "A pension is not cut while the person works."],
            "legalReferences": [["law": "Law on State Pension Social Insurance", "article": "12(3)"]], "adviceType": "legal_opinion",
            "followUpOwner": "Social Fund, Naryn office", "followUpDueOn": "2027-04-01",
        ]
        fields.merge(overrides) { $1 }
        return fields
    }

    /// Logs the answer as a coordinator and returns its ID.
    func logAnswer(_ answered: Answered, _ overrides: [String: Any] = [:]) async throws -> String {
        let response = try await send(
            .post, "/api/v1/broadcasts/episodes/\(answered.episode)/answers", as: Self.coordinator, json: Self.answer(answered, overrides))
        guard response.status == .created else { throw HarnessError("answer refused: \(response.status) \(response.text)") }
        return try response.decoded(as: Identified.self).id
    }

    /// Sends a change to an answer with its ETag just read.
    @discardableResult
    func changeAnswer(_ method: HTTPRequest.Method, _ id: String, _ suffix: String = "", as caller: TestIdentity = Self.coordinator, json: Any? = nil)
        async throws -> TestResponse
    {
        let current = try await send(.get, "/api/v1/broadcasts/answers/\(id)", as: Self.coordinator)
        return try await send(method, "/api/v1/broadcasts/answers/\(id)\(suffix)", as: caller, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    /// Moves the answer's review to `status` as `caller`.
    @discardableResult
    func review(_ id: String, to status: String, as caller: TestIdentity, note: String? = nil) async throws -> TestResponse {
        var body: [String: Any] = ["to": status]
        body["note"] = note
        return try await changeAnswer(.post, id, "/transitions", as: caller, json: body)
    }

    /// Logs the answer and has a legal expert approve it.
    func approvedAnswer(_ answered: Answered, _ overrides: [String: Any] = [:]) async throws -> String {
        let id = try await logAnswer(answered, overrides)
        for (status, caller) in [("legal_review", Self.coordinator), ("approved", Self.legalExpert)] {
            let moved = try await review(id, to: status, as: caller)
            guard moved.status == .ok else { throw HarnessError("\(status) refused: \(moved.status) \(moved.text)") }
        }
        return id
    }
}

struct AnswerView: Decodable {
    let id: String
    let episodeId: String
    let questionId: String
    let startSecond: Int
    let endSecond: Int
    let summary: [String: String]
    let adviceType: String
    let followUpOwner: String?
    let followUpDueOn: String?
    let reviewStatus: String
    let approvedAt: Date?
    let createdBy: String?
    let version: Int
}

struct AnswerListView: Decodable {
    let answers: [AnswerView]
}

struct AnswerHistoryView: Decodable {
    struct Entry: Decodable {
        let action: String
        let from: String?
        let to: String?
        let note: String?
    }
    let entries: [Entry]
}
