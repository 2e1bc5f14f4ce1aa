import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// The answer log's routes and its open formats, called by every kind of caller of
/// ``BroadcastAccessMatrixTests``: producers (coordinators) write, legal experts review, admins do both,
/// the public reads approved answers and the exports. Changes are sent without `If-Match`, so a caller who
/// may make them gets 428 and nothing changes while the matrix runs.
@Suite struct AnswerAccessMatrixTests {
    typealias Caller = BroadcastAccessMatrixTests.Caller

    static let writers: Set<Caller> = [.admin, .coordinator]
    static let readers: Set<Caller> = [.admin, .coordinator, .legalExpert]

    /// `status` for `allowed`; otherwise 401 for the public and 403 for everyone else.
    static func only(_ allowed: Set<Caller>, _ status: HTTPResponse.Status) -> (Caller) -> HTTPResponse.Status {
        { allowed.contains($0) ? status : $0 == .anonymous ? .unauthorized : .forbidden }
    }

    @Test(arguments: TestDatabases.kinds)
    func everyAnswerRouteAnswersEveryCallerAsItsRulesSay(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let episode = try await h.openEpisode("intake_open")
            let guest = try await h.confirmedGuest(episode)
            let first = try await h.askedQuestion(episode).question.id
            let second = try await h.askedQuestion(episode, "Who pays for school meals?").question.id
            try await h.goLiveAndAnswer(episode, [first, second])
            let draftOf = BroadcastsHarness.Answered(episode: episode, question: first, guest: guest)
            let draft = try await h.logAnswer(draftOf)
            let approved = try await h.approvedAnswer(.init(episode: episode, question: second, guest: guest))
            let log = "/api/v1/broadcasts/episodes/\(episode)/answers"
            let routes: [BroadcastAccessMatrixTests.Route] = [
                .init(method: .get, path: log, expected: { _ in .ok }),
                .init(method: .get, path: "/api/v1/broadcasts/episodes/\(episode)/chapters.vtt", expected: { _ in .ok }),
                .init(method: .get, path: "/api/v1/broadcasts/episodes/\(episode)/answers.csv", expected: { _ in .ok }),
                .init(method: .post, path: log, json: BroadcastsHarness.answer(draftOf), expected: Self.only(Self.writers, .conflict)),
                .init(method: .post, path: log, json: ["questionId": "x"], expected: Self.only(Self.writers, .unprocessableContent)),
                .init(method: .get, path: "/api/v1/broadcasts/answers/\(approved)", expected: { _ in .ok }),
                .init(method: .get, path: "/api/v1/broadcasts/answers/\(draft)", expected: { Self.readers.contains($0) ? .ok : .notFound }),
                .init(method: .get, path: "/api/v1/broadcasts/answers/\(approved)/history", expected: Self.only(Self.readers, .ok)),
                .init(method: .get, path: "/api/v1/broadcasts/answers/\(draft)/history", expected: Self.only(Self.readers, .ok)),
                .init(
                    method: .patch, path: "/api/v1/broadcasts/answers/\(draft)", json: ["endSecond": 990],
                    expected: Self.only(Self.writers, .preconditionRequired)),
                // Sending to review is the producers' step: a legal expert may not take it.
                .init(
                    method: .post, path: "/api/v1/broadcasts/answers/\(draft)/transitions", json: ["to": "legal_review"],
                    expected: Self.only(Self.writers, .preconditionRequired)),
                .init(
                    method: .post, path: "/api/v1/broadcasts/answers/\(draft)/transitions", json: ["to": "bogus"],
                    expected: Self.only(Self.readers, .unprocessableContent)),
            ]
            for route in routes {
                for caller in Caller.allCases {
                    let response = try await h.send(route.method, route.path, as: BroadcastAccessMatrixTests.identities[caller]!, json: route.json)
                    #expect(
                        response.status == route.expected(caller),
                        "\(route.method) \(route.path) as \(caller.rawValue): \(response.status.code) \(response.problemCode ?? "")")
                }
            }
            // Nothing changed: the draft is still a draft at its first version.
            let view = try await h.send(.get, "/api/v1/broadcasts/answers/\(draft)", as: BroadcastsHarness.coordinator).decoded(as: AnswerView.self)
            #expect(view.reviewStatus == "draft" && view.version == 1)
        }
    }
}
