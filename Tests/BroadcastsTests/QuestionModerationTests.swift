import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

@testable import Broadcasts

/// Moderation: the transition table, strict and permissive episodes, the public text apart from the
/// original, rejecting, merging, deferring to the next episode, and the moderator's queue order.
@Suite struct QuestionModerationTests {
    @Test func theTableModeratesFirstThenQueuesAndAnswers() {
        let line: [QuestionState] = [.received, .approved, .queued, .onAir, .answered]
        for (from, to) in zip(line, line.dropFirst()) { #expect(from.allowedTransitions.contains(to), "\(from) → \(to)") }
        for final in [QuestionState.rejected, .merged, .answered, .referred] { #expect(final.allowedTransitions.isEmpty, "\(final)") }
        for state in QuestionState.allCases { #expect(!state.allowedTransitions.contains(state), "\(state) → itself") }
        #expect(!QuestionState.received.allowedTransitions.contains(.queued), "nothing is queued unmoderated")
        #expect(
            QuestionState.allCases.filter { $0.isPublic(in: .strict) } == [.approved, .queued, .onAir, .answered, .partiallyAnswered, .deferred, .referred])
        #expect(QuestionState.allCases.filter { $0.isPublic(in: .permissive) }.first == .received)
    }

    /// Moves question `id` of `episode` as a coordinator, with its ETag just read.
    static func moderate(
        _ h: BroadcastsHarness, _ episode: String, _ id: String, _ suffix: String = "/transitions", method: HTTPRequest.Method = .post, json: [String: Any]
    )
        async throws -> TestResponse
    {
        let path = "/api/v1/broadcasts/episodes/\(episode)/questions/\(id)"
        let current = try await h.send(.get, path, as: BroadcastsHarness.coordinator)
        return try await h.send(
            method, path + (method == .patch ? "" : suffix), as: BroadcastsHarness.coordinator, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    @Test(arguments: TestDatabases.kinds)
    func onAStrictEpisodeThePublicSeesOnlyApprovedQuestionsInTheirPublicText(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let episode = try await h.openEpisode()
            let wall = "/api/v1/broadcasts/episodes/\(episode)/questions"
            let first = try await h.askedQuestion(episode, "My employer has not paid me for 3 months, my name is Aibek").question
            let second = try await h.askedQuestion(episode, "Second question").question
            #expect(try await h.send(.get, wall).decoded(as: QuestionPage.self).items.isEmpty)

            // Needs If-Match; the public text is the moderator's, the original stays for staff.
            let path = "\(wall)/\(first.id)"
            #expect(try await h.send(.patch, path, as: BroadcastsHarness.coordinator, json: ["publicText": "x"]).status == .preconditionRequired)
            let edited = try await Self.moderate(h, episode, first.id, method: .patch, json: ["publicText": "Unpaid wages for three months"])
            #expect(edited.status == .ok)
            #expect(try await Self.moderate(h, episode, first.id, json: ["to": "approved"]).status == .ok)
            let seen = try await h.send(.get, wall).decoded(as: QuestionPage.self).items
            #expect(seen.map(\.text) == ["Unpaid wages for three months"])
            #expect(seen[0].originalText == nil)
            let staff = try await h.send(.get, path, as: BroadcastsHarness.coordinator).decoded(as: QuestionView.self)
            #expect(staff.originalText == "My employer has not paid me for 3 months, my name is Aibek" && staff.text == "Unpaid wages for three months")
            // The author still reads what they sent, and its state.
            let own = try await h.send(.get, path).decoded(as: QuestionView.self)
            #expect(own.state == "approved")

            // Hiding takes it off the wall again; a stale ETag changes nothing.
            let stale = try await h.send(.post, path + "/transitions", as: BroadcastsHarness.coordinator, json: ["to": "hidden"], headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try await Self.moderate(h, episode, first.id, json: ["to": "hidden"]).status == .ok)
            #expect(try await h.send(.get, wall).decoded(as: QuestionPage.self).items.isEmpty)
            #expect(try await h.send(.get, "\(wall)?state=hidden").decoded(as: QuestionPage.self).items.isEmpty)
            #expect(try await h.send(.get, "\(wall)?state=hidden", as: BroadcastsHarness.coordinator).decoded(as: QuestionPage.self).items.count == 1)

            // Rejecting needs a reason; an illegal move names the allowed ones.
            #expect(try await Self.moderate(h, episode, second.id, json: ["to": "rejected"]).status == .unprocessableContent)
            let illegal = try await Self.moderate(h, episode, second.id, json: ["to": "on_air"])
            #expect(illegal.status == .conflict)
            #expect(illegal.problemCode == "illegal_question_transition")
            #expect(illegal.text.contains("approved, hidden, rejected, merged"))
            let rejected = try await Self.moderate(h, episode, second.id, json: ["to": "rejected", "reason": "Not a legal question"])
            #expect(try rejected.decoded(as: QuestionView.self).rejectionReason == "Not a legal question")
            let history = try await h.send(.get, "\(wall)/\(first.id)/history", as: BroadcastsHarness.coordinator).decoded(as: QuestionHistoryView.self)
            #expect(history.entries.map(\.action) == ["received", "edited", "transition", "transition"])
            #expect(history.entries.compactMap(\.to) == ["received", "approved", "hidden"])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func onAPermissiveEpisodeQuestionsArePublicUntilHidden(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let episode = try await h.openEpisode("live", ["moderationMode": "permissive"])
            let question = try await h.askedQuestion(episode, "Visible at once").question
            let wall = "/api/v1/broadcasts/episodes/\(episode)/questions"
            #expect(try await h.send(.get, wall).decoded(as: QuestionPage.self).items.map(\.id) == [question.id])
            #expect(try await Self.moderate(h, episode, question.id, json: ["to": "hidden"]).status == .ok)
            #expect(try await h.send(.get, wall).decoded(as: QuestionPage.self).items.isEmpty)
            #expect(try await h.send(.get, "\(wall)/\(question.id)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func mergingCountsOnTheTargetAndTheQueueFollowsTheModeratorsOrder(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let episode = try await h.openEpisode()
            var ids: [String] = []
            for text in ["A", "B", "C", "A again"] { ids.append(try await h.askedQuestion(episode, text).question.id) }
            // Into itself, or into a question of another episode: refused.
            #expect(try await Self.moderate(h, episode, ids[3], json: ["to": "merged", "mergeInto": ids[3]]).problemCode == "merge_target_invalid")
            #expect(try await Self.moderate(h, episode, ids[3], json: ["to": "merged"]).status == .unprocessableContent)
            let other = try await h.askedQuestion(try await h.openEpisode()).question.id
            #expect(try await Self.moderate(h, episode, ids[3], json: ["to": "merged", "mergeInto": other]).problemCode == "merge_target_invalid")
            let merged = try await Self.moderate(h, episode, ids[3], json: ["to": "merged", "mergeInto": ids[0]]).decoded(as: QuestionView.self)
            #expect(merged.mergedInto?.lowercased() == ids[0].lowercased())
            let target = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/questions/\(ids[0])", as: BroadcastsHarness.coordinator)
                .decoded(as: QuestionView.self)
            #expect(target.mergeCount == 1)

            for (id, position) in zip(ids.prefix(3), [30, 10, 20]) {
                #expect(try await Self.moderate(h, episode, id, json: ["to": "approved"]).status == .ok)
                #expect(try await Self.moderate(h, episode, id, method: .patch, json: ["queuePosition": position]).status == .ok)
                #expect(try await Self.moderate(h, episode, id, json: ["to": "queued"]).status == .ok)
            }
            #expect(try await Self.moderate(h, episode, ids[0], method: .patch, json: ["queuePosition": -1]).status == .unprocessableContent)
            let queue = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/questions?state=queued").decoded(as: QuestionPage.self)
            #expect(queue.items.map(\.text) == ["B", "C", "A"])
            // Paging keeps the order.
            let page = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/questions?state=queued&limit=2").decoded(as: CursorPage.self)
            let next = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/questions?state=queued&limit=2&cursor=\(try #require(page.nextCursor))")
                .decoded(as: QuestionPage.self)
            #expect(page.items.map(\.text) + next.items.map(\.text) == ["B", "C", "A"])
            #expect(try await Self.moderate(h, episode, ids[1], json: ["to": "on_air"]).status == .ok)
            let answered = try await Self.moderate(h, episode, ids[1], json: ["to": "answered"]).decoded(as: QuestionView.self)
            #expect(answered.state == "answered")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func deferringMovesTheQuestionToTheShowsNextEpisode(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let show = try await h.createShow()
            func plan(_ startsAt: String) async throws -> String {
                try await h.send(
                    .post, "/api/v1/broadcasts/episodes", as: BroadcastsHarness.coordinator,
                    json: BroadcastsHarness.episode(show: show, ["startsAt": startsAt])
                ).decoded(as: Identified.self).id
            }
            let tonight = try await plan("2027-03-09T13:00:00Z")
            for next in ["announced", "intake_open", "live"] { try await h.transition(tonight, to: next) }
            let question = try await h.askedQuestion(tonight, "Too long to answer tonight").question.id
            for to in ["approved", "queued", "on_air"] { #expect(try await Self.moderate(h, tonight, question, json: ["to": to]).status == .ok) }
            #expect(try await Self.moderate(h, tonight, question, json: ["to": "deferred"]).problemCode == "no_next_episode")

            let later = try await plan("2027-03-23T13:00:00Z")
            let sooner = try await plan("2027-03-16T13:00:00Z")
            let moved = try await Self.moderate(h, tonight, question, json: ["to": "deferred"]).decoded(as: QuestionView.self)
            #expect(moved.episodeId.lowercased() == sooner.lowercased() && moved.deferredFromEpisodeId?.lowercased() == tonight.lowercased())
            #expect(moved.state == "deferred")
            #expect(
                try await h.send(.get, "/api/v1/broadcasts/episodes/\(tonight)/questions/\(question)", as: BroadcastsHarness.coordinator).status == .notFound)
            #expect(try await Self.moderate(h, sooner, question, json: ["to": "queued"]).status == .ok)
            _ = later
        }
    }
}

struct QuestionHistoryView: Decodable {
    struct Entry: Decodable {
        let action: String
        let from: String?
        let to: String?
        let note: String?
    }
    let entries: [Entry]
}

struct CursorPage: Decodable {
    let items: [QuestionView]
    let nextCursor: String?
}
