import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Upvotes: once per client and question, on what the public may see, throttled per client.
@Suite struct QuestionUpvoteTests {
    struct Result: Decodable {
        let upvotes: Int
        let counted: Bool
    }

    @Test(arguments: TestDatabases.kinds)
    func eachClientUpvotesAQuestionOnceAndOnlyWhatThePublicSees(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let episode = try await h.openEpisode()
            let question = try await h.askedQuestion(episode).question.id
            let path = "/api/v1/broadcasts/questions/upvotes"
            let alice = TestIdentity.anonymous(clientKey: "client-a")
            // Not yet approved on a strict episode: not on the wall, so not upvoted.
            #expect(try await h.send(.post, path, as: alice, json: ["questionId": question]).status == .notFound)
            #expect(try await QuestionModerationTests.moderate(h, episode, question, json: ["to": "approved"]).status == .ok)
            let version = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/questions/\(question)").decoded(as: QuestionView.self).version

            let first = try await h.send(.post, path, as: alice, json: ["questionId": question]).decoded(as: Result.self)
            #expect(first.upvotes == 1 && first.counted)
            let again = try await h.send(.post, path, as: alice, json: ["questionId": question]).decoded(as: Result.self)
            #expect(again.upvotes == 1 && !again.counted)
            let bob = try await h.send(.post, path, as: .anonymous(clientKey: "client-b"), json: ["questionId": question]).decoded(as: Result.self)
            #expect(bob.upvotes == 2 && bob.counted)
            let after = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/questions/\(question)").decoded(as: QuestionView.self)
            #expect(after.upvotes == 2)
            #expect(after.version == version, "upvotes leave the moderator's ETag alone")

            #expect(try await h.send(.post, path, as: .anonymous(clientKey: nil), json: ["questionId": question]).problemCode == "client_unknown")
            #expect(try await h.send(.post, path, as: alice, json: ["questionId": UUID().uuidString]).status == .notFound)
            #expect(try await h.send(.post, path, as: alice, json: ["questionId": "x"]).status == .unprocessableContent)
        }
    }

    @Test func oneClientIsThrottledWhileOthersStillVote() async throws {
        try await BroadcastsHarness.with { h in
            let episode = try await h.openEpisode("live", ["moderationMode": "permissive"])
            let question = try await h.askedQuestion(episode).question.id
            let path = "/api/v1/broadcasts/questions/upvotes"
            let eager = TestIdentity.anonymous(clientKey: "eager")
            // The bucket (30 a minute) refills a vote every 2 s while a slow machine sends these one by one, so the
            // refusal is looked for among the next ones rather than at the 31st exactly.
            var accepted = 0
            var refused: TestResponse?
            for _ in 0..<90 where refused == nil {
                let response = try await h.send(.post, path, as: eager, json: ["questionId": question])
                if response.status == .ok { accepted += 1 } else { refused = response }
            }
            #expect(accepted >= 30)
            #expect(refused?.status == .tooManyRequests)
            #expect(refused?.headers[.retryAfter] != nil)
            #expect(try await h.send(.post, path, as: .anonymous(clientKey: "patient"), json: ["questionId": question]).status == .ok)
        }
    }
}
