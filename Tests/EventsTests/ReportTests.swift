import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// The report of a held event: written by those who run it, `draft → submitted → approved`, approved by
/// staff, read by the public once approved; approval closes a `report_pending` event. Both databases.
@Suite struct ReportTests {
    static let councilOwn = TestIdentity.principal([.councilMember], organizationID: EventsHarness.narynCouncil, organizationRegion: .naryn)

    @Test(arguments: TestDatabases.kinds)
    func aReportIsWrittenForAHeldEventOnlyAndKeepsWhatWasGiven(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let draft = try await h.create()
            let early = try await h.send(.post, "/api/v1/events/\(draft.id)/report", as: EventsHarness.coordinator, json: EventsHarness.report())
            #expect(early.status == .conflict)
            #expect(early.problemCode == "event_not_held")

            let event = try await h.heldEvent()
            let path = "/api/v1/events/\(event.id)/report"
            let created = try await h.send(.post, path, as: Self.councilOwn, json: EventsHarness.report())
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let report = try created.decoded(as: ReportView.self)
            #expect(report.status == "draft")
            #expect(report.attendeeCount == 20)
            #expect(report.participants?["sex"] == ["female": 11, "male": 8])
            #expect(report.participants?["vulnerableGroup"] == ["rural_residents": 20, "women": 11])
            #expect(report.issuesRaised == [["en": "No drinking water in summer"]])
            #expect(report.relatedAppeals?.first?["service"] == "appeals")
            let again = try await h.send(.post, path, as: Self.councilOwn, json: EventsHarness.report())
            #expect(again.problemCode == "report_exists")

            // Edits need the report's version.
            let edit = EventsHarness.report(["attendeeCount": 25])
            #expect(try await h.send(.put, path, as: Self.councilOwn, json: edit).status == .preconditionRequired)
            let edited = try await h.send(.put, path, as: Self.councilOwn, json: edit, headers: [.ifMatch: "\"1\""])
            #expect(edited.status == .ok)
            #expect(try edited.decoded(as: ReportView.self).attendeeCount == 25)
            #expect(try await h.send(.put, path, as: Self.councilOwn, json: edit, headers: [.ifMatch: "\"1\""]).status == .preconditionFailed)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func badCountsCodesAndReferencesAreNamedByField(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.heldEvent()
            let path = "/api/v1/events/\(event.id)/report"
            let cases: [([String: Any], String)] = [
                (["participants": ["sex": ["female": 15, "male": 10]]], "participants.sex"),
                (["participants": ["ageBand": ["toddlers": 1]]], "participants.ageBand.toddlers"),
                (["participants": ["vulnerableGroup": ["women": 21]]], "participants.vulnerableGroup.women"),
                (["participants": ["stakeholderType": ["journalist": -1]]], "participants.stakeholderType.journalist"),
                (["attendeeCount": 100_001], "attendeeCount"),
                (["relatedAppeals": [["service": "grants", "type": "appeal", "id": UUID().uuidString]]], "relatedAppeals[0]"),
                (["issuesRaised": Array(repeating: ["en": "x"], count: 51)], "issuesRaised"),
            ]
            for (overrides, field) in cases {
                let response = try await h.send(.post, path, as: EventsHarness.coordinator, json: EventsHarness.report(overrides))
                #expect(response.status == .unprocessableContent, "\(field)")
                #expect(response.problem?.errors?[field] != nil, "\(field): \(response.text)")
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func councilsSubmitStaffApproveAndApprovalClosesAReportPendingEvent(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.heldEvent(to: "report_pending")
            let path = "/api/v1/events/\(event.id)/report"
            try #require(try await h.send(.post, path, as: Self.councilOwn, json: EventsHarness.report()).status == .created)
            // The public does not read a working paper.
            #expect(try await h.send(.get, path).status == .notFound)

            let skip = try await h.changeResource(.post, path, "/transitions", as: Self.councilOwn, json: ["to": "approved"])
            #expect(skip.status == .conflict)
            #expect(skip.problemCode == "illegal_report_transition")
            #expect(skip.problem?.errors?["to"] == "must be one of: submitted")
            #expect(try await h.changeResource(.post, path, "/transitions", as: Self.councilOwn, json: ["to": "submitted"]).status == .ok)
            let byCouncil = try await h.changeResource(.post, path, "/transitions", as: Self.councilOwn, json: ["to": "approved"])
            #expect(byCouncil.status == .forbidden)
            let approved = try await h.changeResource(.post, path, "/transitions", json: ["to": "approved", "note": "Checked"])
            #expect(approved.status == .ok)
            let report = try approved.decoded(as: ReportView.self)
            #expect(report.status == "approved")
            #expect(report.approvedAt != nil)

            let closed = try await h.send(.get, "/api/v1/events/\(event.id)", as: EventsHarness.coordinator).decoded(as: EventView.self)
            #expect(closed.status == "closed")
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.last?.to == "closed")
            #expect(history.entries.last?.note == "report approved")
            let reportHistory = try await h.send(.get, path + "/history", as: EventsHarness.coordinator).text
            for action in ["created", "transition"] { #expect(reportHistory.contains("\"\(action)\"")) }

            // Now the public reads it, without the counts that could single someone out.
            let publicView = try await h.send(.get, path)
            #expect(publicView.status == .ok)
            let read = try publicView.decoded(as: ReportView.self)
            #expect(read.minutes["en"] == "The akimiat promised a new pipe.")
            #expect(read.participants == nil)
            #expect(read.relatedAppeals == nil)
            // And the record no longer changes.
            let late = try await h.changeResource(.put, path, as: EventsHarness.coordinator, json: EventsHarness.report())
            #expect(late.problemCode == "event_not_held")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func approvingWhileTheEventIsHeldLeavesItHeld(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.heldEvent()
            let path = "/api/v1/events/\(event.id)/report"
            try #require(try await h.send(.post, path, as: EventsHarness.coordinator, json: EventsHarness.report()).status == .created)
            #expect(try await h.changeResource(.post, path, "/transitions", json: ["to": "submitted"]).status == .ok)
            #expect(try await h.changeResource(.post, path, "/transitions", json: ["to": "draft"]).status == .ok)
            #expect(try await h.changeResource(.post, path, "/transitions", json: ["to": "submitted"]).status == .ok)
            #expect(try await h.changeResource(.post, path, "/transitions", json: ["to": "approved"]).status == .ok)
            // The table has no move from held to closed: the event waits for report_pending.
            #expect(try await h.send(.get, "/api/v1/events/\(event.id)", as: EventsHarness.coordinator).decoded(as: EventView.self).status == "held")
        }
    }
}
