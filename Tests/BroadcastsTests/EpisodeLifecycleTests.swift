import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

@testable import Broadcasts

/// Shows and episodes: the transition table, the moves through the API with their history, and what
/// each move needs.
@Suite struct EpisodeLifecycleTests {
    @Test func theTableIsTheMainLineWithReschedulingAndCancellingBeforeTheShowIsLive() {
        let mainLine: [EpisodeStatus] = [.planned, .announced, .intakeOpen, .live, .ended, .published]
        for (from, to) in zip(mainLine, mainLine.dropFirst()) {
            #expect(from.allowedTransitions.contains(to), "\(from) → \(to)")
        }
        let beforeLive: Set<EpisodeStatus> = [.planned, .announced, .intakeOpen, .rescheduled]
        for status in EpisodeStatus.allCases {
            #expect(status.allowedTransitions.contains(.cancelled) == beforeLive.contains(status), "\(status) → cancelled")
            #expect(!status.allowedTransitions.contains(status), "\(status) → itself")
        }
        #expect(EpisodeStatus.published.allowedTransitions.isEmpty)
        #expect(EpisodeStatus.cancelled.allowedTransitions.isEmpty)
    }

    @Test(arguments: TestDatabases.kinds)
    func anEpisodeGoesFromPlannedToPublishedWithAHistoryEntryPerMove(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let id = try await h.createEpisode()
            for next in ["announced", "intake_open", "live", "ended"] {
                #expect(try await h.transition(id, to: next).status == .ok, "\(next)")
            }
            // Publishing means the replay is there.
            let early = try await h.transition(id, to: "published")
            #expect(early.status == .unprocessableContent)
            #expect(early.text.contains("replayUrl"))
            #expect(try await h.change(.patch, id, json: ["replayUrl": "https://replay.example.org/e1"]).status == .ok)
            #expect(try await h.transition(id, to: "published").status == .ok)

            let history = try await h.send(.get, "/api/v1/broadcasts/episodes/\(id)/history", as: BroadcastsHarness.coordinator)
                .decoded(as: EpisodeHistory.self)
            #expect(history.entries.compactMap(\.to) == ["planned", "announced", "intake_open", "live", "ended", "published"])
            #expect(history.entries.map(\.action).filter { $0 == "edited" }.count == 1)
            // A published episode is a record.
            let edit = try await h.change(.patch, id, json: ["durationMinutes": 90])
            #expect(edit.status == .conflict)
            #expect(edit.problemCode == "episode_final")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anIllegalMoveIsAConflictNamingTheAllowedOnes(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let id = try await h.createEpisode()
            let response = try await h.transition(id, to: "live")
            #expect(response.status == .conflict)
            #expect(response.problemCode == "illegal_transition")
            #expect(response.text.contains("announced, rescheduled, cancelled"))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func cancellingNeedsAReasonAndReschedulingANewStart(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let id = try await h.createEpisode()
            #expect(try await h.transition(id, to: "cancelled").status == .unprocessableContent)
            #expect(try await h.transition(id, to: "rescheduled").status == .unprocessableContent)
            let same = try await h.transition(id, to: "rescheduled", extra: ["startsAt": "2027-03-09T13:00:00Z"])
            #expect(same.status == .unprocessableContent)
            let moved = try await h.transition(id, to: "rescheduled", extra: ["startsAt": "2027-03-16T13:00:00Z"]).decoded(as: EpisodeView.self)
            #expect(moved.status == "rescheduled")
            #expect(moved.endsAt.timeIntervalSince(moved.startsAt) == 3_600)
            #expect(RFC3339.string(from: moved.startsAt) == "2027-03-16T13:00:00Z")
            let cancelled = try await h.transition(id, to: "cancelled", extra: ["reason": "The studio is closed"]).decoded(as: EpisodeView.self)
            #expect(cancelled.cancellationReason == "The studio is closed")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aShowsRegularSlotIsAnRRuleKeptInCanonicalForm(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let created = try await h.send(
                .post, "/api/v1/broadcasts/shows", as: BroadcastsHarness.coordinator,
                json: BroadcastsHarness.show(["regularSlot": "byday=2TU;FREQ=monthly;COUNT=10"]))
            let show = try created.decoded(as: ShowView.self)
            #expect(show.regularSlot == "FREQ=MONTHLY;BYDAY=2TU;COUNT=10")
            let refused = try await h.send(
                .post, "/api/v1/broadcasts/shows", as: BroadcastsHarness.coordinator, json: BroadcastsHarness.show(["regularSlot": "FREQ=HOURLY"]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("regularSlot"))
            let badFormat = try await h.send(
                .post, "/api/v1/broadcasts/shows", as: BroadcastsHarness.coordinator, json: BroadcastsHarness.show(["format": "podcast"]))
            #expect(badFormat.status == .unprocessableContent)
            // A patch removes the slot with an empty text, and needs the ETag.
            let path = "/api/v1/broadcasts/shows/\(show.id)"
            #expect(try await h.send(.patch, path, as: BroadcastsHarness.coordinator, json: ["regularSlot": ""]).status == .preconditionRequired)
            let patched = try await h.send(
                .patch, path, as: BroadcastsHarness.coordinator, json: ["regularSlot": ""], headers: [.ifMatch: created.headers[.eTag] ?? ""])
            #expect(try patched.decoded(as: ShowView.self).regularSlot == nil)
            #expect(try patched.decoded(as: ShowView.self).version == 2)
            // An episode belongs to a show that exists.
            let orphan = try await h.send(
                .post, "/api/v1/broadcasts/episodes", as: BroadcastsHarness.coordinator,
                json: BroadcastsHarness.episode(show: UUID().uuidString))
            #expect(orphan.status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func guestsAreInvitedAndAnswerAndThePublicSeesTheConfirmedOnes(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let id = try await h.createEpisode()
            let ombudsman: [String: Any] = [
                "kind": "person", "name": "Ombudsman of the Kyrgyz Republic", "role": "ombudsman", "expertise": ["social_protection"],
            ]
            let added = try await h.change(.post, id, "/guests", json: ombudsman)
            #expect(added.status == .created)
            let guest = try added.decoded(as: GuestView.self)
            #expect(guest.status == "invited")
            #expect(guest.consentToRecording == false)
            let lawyer: [String: Any] = ["kind": "person", "name": "A lawyer", "role": "lawyer"]
            #expect(try await h.change(.post, id, "/guests", json: lawyer).status == .created)
            #expect(try await h.change(.post, id, "/guests", json: ["kind": "organization", "name": "CSO", "role": "expert"]).status == .unprocessableContent)
            let confirmed = try await h.change(.patch, id, "/guests/\(guest.id)", json: ["status": "confirmed", "consentToRecording": true])
            #expect(try confirmed.decoded(as: GuestView.self).consentToRecording)

            try await h.transition(id, to: "announced")
            let staffList = try await h.send(.get, "/api/v1/broadcasts/episodes/\(id)/guests", as: BroadcastsHarness.coordinator)
            #expect(try staffList.decoded(as: GuestListView.self).guests.count == 2)
            let publicList = try await h.send(.get, "/api/v1/broadcasts/episodes/\(id)/guests").decoded(as: GuestListView.self)
            #expect(publicList.guests.map(\.id) == [guest.id])
            let history = try await h.send(.get, "/api/v1/broadcasts/episodes/\(id)/history", as: BroadcastsHarness.coordinator)
                .decoded(as: EpisodeHistory.self)
            #expect(history.entries.filter { $0.action == "guest" }.count == 3)
        }
    }
}
