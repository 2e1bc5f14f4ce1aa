import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// The answer log: producers log each answered question's timecodes, guest, summary, legal references,
/// advice and follow-up; a legal expert reviews the summary (`draft → legal_review → approved |
/// needs_correction`) with a history and `If-Match`; the public reads approved answers only. Both databases.
@Suite struct AnswerLogTests {
    @Test(arguments: TestDatabases.kinds)
    func anAnswerIsLoggedReviewedSentBackCorrectedAndApproved(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let answered = try await h.answeredQuestion()
            let log = "/api/v1/broadcasts/episodes/\(answered.episode)/answers"
            let id = try await h.logAnswer(answered)
            let created = try await h.send(.get, "/api/v1/broadcasts/answers/\(id)", as: BroadcastsHarness.coordinator).decoded(as: AnswerView.self)
            #expect(created.reviewStatus == "draft")
            #expect(created.startSecond == 754 && created.endSecond == 900)
            #expect(created.adviceType == "legal_opinion")
            #expect(created.followUpDueOn == "2027-04-01")
            // Before approval the public neither lists nor reads it; the legal expert does.
            #expect(try await h.send(.get, log).decoded(as: AnswerListView.self).answers.isEmpty)
            #expect(try await h.send(.get, "/api/v1/broadcasts/answers/\(id)").status == .notFound)
            #expect(try await h.send(.get, log, as: BroadcastsHarness.legalExpert).decoded(as: AnswerListView.self).answers.map(\.id) == [id])

            // A draft changes; a stale version does not.
            #expect(try await h.changeAnswer(.patch, id, json: ["endSecond": 960]).status == .ok)
            let stale = try await h.send(
                .patch, "/api/v1/broadcasts/answers/\(id)", as: BroadcastsHarness.coordinator, json: ["startSecond": 1], headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            // Producers send it to review, and only a legal expert decides.
            #expect(try await h.review(id, to: "approved", as: BroadcastsHarness.legalExpert).problemCode == "illegal_review_transition")
            #expect(try await h.review(id, to: "legal_review", as: BroadcastsHarness.legalExpert).status == .forbidden)
            #expect(try await h.review(id, to: "legal_review", as: BroadcastsHarness.coordinator).status == .ok)
            #expect(try await h.changeAnswer(.patch, id, json: ["endSecond": 990]).problemCode == "answer_not_editable")
            #expect(try await h.review(id, to: "approved", as: BroadcastsHarness.coordinator).status == .forbidden)
            let noNote = try await h.review(id, to: "needs_correction", as: BroadcastsHarness.legalExpert)
            #expect(noNote.status == .unprocessableContent)
            #expect(noNote.problem?.errors?["note"] != nil)
            #expect(try await h.review(id, to: "needs_correction", as: BroadcastsHarness.legalExpert, note: "Cite the article's part 3").status == .ok)
            // Corrected and sent again, then approved.
            #expect(try await h.changeAnswer(.patch, id, json: ["summary": ["en": "Corrected."]]).status == .ok)
            #expect(try await h.review(id, to: "legal_review", as: BroadcastsHarness.coordinator).status == .ok)
            let approved = try await h.review(id, to: "approved", as: BroadcastsHarness.legalExpert)
            #expect(approved.status == .ok)
            let final = try approved.decoded(as: AnswerView.self)
            #expect(final.reviewStatus == "approved" && final.approvedAt != nil)
            #expect(try await h.review(id, to: "needs_correction", as: BroadcastsHarness.legalExpert, note: "n").problemCode == "illegal_review_transition")

            // Now public, without who logged it.
            let publicLog = try await h.send(.get, log).decoded(as: AnswerListView.self).answers
            #expect(publicLog.map(\.id) == [id])
            #expect(publicLog.first?.summary == ["en": "Corrected."])
            #expect(publicLog.first?.createdBy == nil)
            let history = try await h.send(.get, "/api/v1/broadcasts/answers/\(id)/history", as: BroadcastsHarness.legalExpert)
                .decoded(as: AnswerHistoryView.self).entries
            #expect(history.map(\.action) == ["created", "edited", "transition", "transition", "edited", "transition", "transition"])
            #expect(history.compactMap(\.to) == ["draft", "legal_review", "needs_correction", "legal_review", "approved"])
            #expect(history.contains { $0.note == "Cite the article's part 3" })
            #expect(try await h.send(.get, "/api/v1/broadcasts/answers/\(id)/history").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func onlyAnAnsweredQuestionOfAnEpisodeOnAirIsLoggedOnce(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let answered = try await h.answeredQuestion()
            let log = "/api/v1/broadcasts/episodes/\(answered.episode)/answers"
            func post(_ overrides: [String: Any], to path: String? = nil) async throws -> TestResponse {
                try await h.send(.post, path ?? log, as: BroadcastsHarness.coordinator, json: BroadcastsHarness.answer(answered, overrides))
            }
            // Bad fields, each named.
            let bad = try await post(["endSecond": 700, "legalReferences": [["law": "", "article": "1"]], "followUpOwner": NSNull(), "adviceType": "hint"])
            #expect(bad.status == .unprocessableContent)
            let fields = try await post(["endSecond": 700, "legalReferences": [["law": "", "article": "1"]], "followUpOwner": NSNull()])
            #expect(Set(fields.problem?.errors?.keys.map { $0 } ?? []) == ["endSecond", "legalReferences[0].law", "followUpOwner"])
            #expect(try await post(["guestId": UUID().uuidString]).problem?.errors?["guestId"] != nil)
            #expect(try await post(["questionId": UUID().uuidString]).problem?.errors?["questionId"] != nil)
            // An episode not yet on air logs nothing.
            let upcoming = try await h.openEpisode("intake_open")
            #expect(try await post([:], to: "/api/v1/broadcasts/episodes/\(upcoming)/answers").problemCode == "episode_not_aired")

            #expect(try await post([:]).status == .created)
            #expect(try await post([:]).problemCode == "answer_exists")
            // Only producers log.
            let byLawyer = try await h.send(.post, log, as: BroadcastsHarness.legalExpert, json: BroadcastsHarness.answer(answered))
            #expect(byLawyer.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func producersLoggingOneAnswerAtOnceLogItOnce(kind: DatabaseKind) async throws {
        // Through the router, not the live client: its one connection would send the eight one after another.
        try await BroadcastsHarness.with(kind) { h in
            let answered = try await h.answeredQuestion()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await h.send(
                            .post, "/api/v1/broadcasts/episodes/\(answered.episode)/answers", as: BroadcastsHarness.coordinator,
                            json: BroadcastsHarness.answer(answered)
                        ).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201] + Array(repeating: 409, count: 7), "\(statuses)")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aQuestionNotAnsweredHasNoAnswer(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let episode = try await h.openEpisode("intake_open")
            let guest = try await h.confirmedGuest(episode)
            let question = try await h.askedQuestion(episode).question.id
            #expect(try await h.transition(episode, to: "live").status == .ok)
            try await h.moveQuestion(episode, question, through: ["approved", "queued"])
            let answered = BroadcastsHarness.Answered(episode: episode, question: question, guest: guest)
            let response = try await h.send(
                .post, "/api/v1/broadcasts/episodes/\(episode)/answers", as: BroadcastsHarness.coordinator, json: BroadcastsHarness.answer(answered))
            #expect(response.problemCode == "question_not_answered")
        }
    }

    /// A change to an answer without If-Match is 428 whatever it asks, even a move the review forbids or an
    /// edit of an answer no longer editable: the precondition comes before the content.
    @Test(arguments: TestDatabases.kinds)
    func aChangeWithoutIfMatchIsRefusedBeforeItsContentIsJudged(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let id = try await h.logAnswer(try await h.answeredQuestion())
            let path = "/api/v1/broadcasts/answers/\(id)"
            let illegal = try await h.send(.post, path + "/transitions", as: BroadcastsHarness.legalExpert, json: ["to": "approved"])
            #expect(illegal.status == .preconditionRequired)
            #expect(try await h.changeAnswer(.post, id, "/transitions", json: ["to": "legal_review"]).status == .ok)
            let edit = try await h.send(.patch, path, as: BroadcastsHarness.coordinator, json: ["summary": ["en": "Changed"]])
            #expect(edit.status == .preconditionRequired)
        }
    }
}
