import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Recommendations made at a held event: their transition table, evidence on every change, progress and
/// history, on both databases.
@Suite struct RecommendationTests {
    static let ministry = UUID(uuidString: "0190a000-0000-7000-8000-0000000000b1")!

    @Test(arguments: TestDatabases.kinds)
    func recommendationsAreMadeAtAHeldEventWithAValidDueDay(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let draft = try await h.create()
            let body: [String: Any] = ["text": ["en": "Repair the pipe"], "dutyBearerId": Self.ministry.uuidString, "dueOn": "2027-06-30"]
            let early = try await h.send(.post, "/api/v1/events/\(draft.id)/recommendations", as: EventsHarness.coordinator, json: body)
            #expect(early.problemCode == "event_not_held")
            let event = try await h.heldEvent()
            let path = "/api/v1/events/\(event.id)/recommendations"
            for day in ["2027-02-30", "30.06.2027", "1999-01-01"] {
                let bad = try await h.send(.post, path, as: EventsHarness.coordinator, json: body.merging(["dueOn": day]) { $1 })
                #expect(bad.status == .unprocessableContent, "\(day)")
                #expect(bad.problem?.errors?["dueOn"] != nil, "\(day)")
            }
            let made = try await h.send(.post, path, as: EventsHarness.coordinator, json: body)
            #expect(made.status == .created)
            let recommendation = try made.decoded(as: RecommendationView.self)
            #expect(recommendation.status == "proposed")
            #expect(recommendation.progress == 0)
            #expect(UUID(uuidString: recommendation.dutyBearerId) == Self.ministry)
            // Published and public: anyone reads it, and the event's list.
            #expect(try await h.send(.get, "/api/v1/events/recommendations/\(recommendation.id)").status == .ok)
            let list = try await h.send(.get, path).text
            #expect(list.contains(recommendation.id))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func everyMoveFollowsTheTableAndCarriesEvidence(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.heldEvent()
            let recommendation = try await h.recommend(event.id, to: Self.ministry)
            let path = "/api/v1/events/recommendations/\(recommendation.id)"

            let skip = try await h.move(recommendation.id, to: "implemented")
            #expect(skip.status == .conflict)
            #expect(skip.problemCode == "illegal_recommendation_transition")
            #expect(skip.problem?.errors?["to"] == "must be one of: accepted, rejected")
            let noEvidence = try await h.changeResource(.post, path, "/transitions", json: ["to": "accepted", "evidence": [String: String]()])
            #expect(noEvidence.problem?.errors?["evidence"] != nil)
            let twoKinds = try await h.changeResource(
                .post, path, "/transitions", json: ["to": "accepted", "evidence": ["note": "x", "link": "https://gov.kg/letter"]])
            #expect(twoKinds.problem?.errors?["evidence"] != nil)
            let badLink = try await h.changeResource(.post, path, "/transitions", json: ["to": "accepted", "evidence": ["link": "javascript:x"]])
            #expect(badLink.problem?.errors?["evidence.link"] != nil)
            let stale = try await h.send(
                .post, path + "/transitions", as: EventsHarness.coordinator, json: ["to": "accepted", "evidence": ["note": "n"]],
                headers: [.ifMatch: "\"7\""])
            #expect(stale.status == .preconditionFailed)

            let accepted = try await h.move(recommendation.id, to: "accepted")
            #expect(accepted.status == .ok)
            #expect(try accepted.decoded(as: RecommendationView.self).firstResponseAt != nil)
            let early = try await h.changeResource(.post, path, "/progress", json: ["progress": 10, "evidence": ["note": "n"]])
            #expect(early.problemCode == "progress_not_open")
            #expect(try await h.move(recommendation.id, to: "in_progress", extra: ["progress": 10]).status == .ok)
            let progressed = try await h.changeResource(
                .post, path, "/progress", json: ["progress": 60, "evidence": ["link": "https://gov.kg/pipe-works"]])
            #expect(try progressed.decoded(as: RecommendationView.self).progress == 60)
            let tooMuch = try await h.changeResource(.post, path, "/progress", json: ["progress": 101, "evidence": ["note": "n"]])
            #expect(tooMuch.problem?.errors?["progress"] != nil)
            let file = ["service": "knowledge", "type": "file", "id": UUID().uuidString]
            let done = try await h.changeResource(.post, path, "/transitions", json: ["to": "implemented", "evidence": ["file": file]])
            #expect(try done.decoded(as: RecommendationView.self).status == "implemented")
            #expect(try done.decoded(as: RecommendationView.self).progress == 100)
            let final = try await h.move(recommendation.id, to: "in_progress")
            #expect(final.problem?.errors?["to"] == "no move is allowed from implemented")

            let history = try await h.send(.get, path + "/history", as: EventsHarness.coordinator).decoded(as: RecommendationHistory.self)
            #expect(history.entries.map(\.to) == ["proposed", "accepted", "in_progress", "in_progress", "implemented"])
            #expect(history.entries.map(\.progress) == [0, 0, 10, 60, 100])
            #expect(history.entries[3].evidence?.link == "https://gov.kg/pipe-works")
            #expect(history.entries[4].evidence?.file?["service"] == "knowledge")
            #expect(history.entries.allSatisfy { $0.actor != nil })
            // The public follows it too, without who recorded each step.
            let publicHistory = try await h.send(.get, path + "/history").decoded(as: RecommendationHistory.self)
            #expect(publicHistory.entries.count == 5)
            #expect(publicHistory.entries.allSatisfy { $0.actor == nil })
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func onlyThoseWhoRunTheEventMoveItsRecommendationsAndHiddenOnesAreNotFound(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let internalEvent = try await h.heldEvent(EventsHarness.hearing(["visibility": "internal"]))
            let recommendation = try await h.recommend(internalEvent.id, to: Self.ministry)
            let path = "/api/v1/events/recommendations/\(recommendation.id)"
            #expect(try await h.send(.get, path).status == .notFound)
            #expect(try await h.send(.get, path, as: .principal([.journalist])).status == .notFound)
            let elsewhere = TestIdentity.principal([.councilMember], organizationID: UUID(), organizationRegion: .talas)
            #expect(try await h.send(.post, path + "/transitions", as: elsewhere, json: ["to": "accepted"]).status == .notFound)
            let publicEvent = try await h.heldEvent()
            let open = try await h.recommend(publicEvent.id, to: Self.ministry)
            let openPath = "/api/v1/events/recommendations/\(open.id)"
            #expect(try await h.send(.post, openPath + "/transitions", as: .principal([.journalist]), json: ["to": "accepted"]).status == .forbidden)
            #expect(try await h.send(.post, openPath + "/transitions", json: ["to": "accepted"]).status == .unauthorized)
            #expect(try await h.send(.get, "/api/v1/events/recommendations/\(UUID())").status == .notFound)
        }
    }
}
