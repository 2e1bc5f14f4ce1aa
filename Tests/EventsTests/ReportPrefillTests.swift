import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// A report's counts start from the check-ins: everyone checked in (registered or walk-in) plus those counted
/// by hand beyond the lists, disaggregated by what people consented to give; written counts win. Both databases.
@Suite struct ReportPrefillTests {
    /// A hearing where two registrants and one walk-in came and one registrant did not, moved to `held`.
    static func attendedHearing(_ h: EventsHarness) async throws -> EventView {
        let event = try await h.openEvent()
        let aizada = try await h.register(
            event.id, name: "Aizada", extra: ["sex": "female", "stakeholderType": "duty_bearer", "consent": ["sex": true, "stakeholderType": true]])
        let bakyt = try await h.register(event.id, name: "Bakyt", extra: ["ageBand": "30_44", "consent": ["ageBand": true]])
        _ = try await h.register(event.id, name: "Chynara Absent", extra: ["sex": "female", "consent": ["sex": true]])
        for receipt in [aizada, bakyt] {
            let checkIn = try await h.send(
                .post, "/api/v1/events/\(event.id)/check-ins", as: EventsHarness.coordinator, json: ["code": receipt.registrationCode!])
            try #require(checkIn.status == .ok)
        }
        let walkIn = try await h.send(
            .post, "/api/v1/events/\(event.id)/walk-ins", as: EventsHarness.coordinator,
            json: ["sex": "male", "vulnerableGroups": ["rural_residents"], "consent": ["sex": true, "vulnerableGroups": true]])
        try #require(walkIn.status == .created)
        for status in ["registration_closed", "held"] { try #require(try await h.transition(event.id, to: status).status == .ok) }
        return event
    }

    @Test(arguments: TestDatabases.kinds)
    func countsLeftOutComeFromCheckInsPlusThoseCountedByHand(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await Self.attendedHearing(h)
            let path = "/api/v1/events/\(event.id)/report"
            let body: [String: Any] = [
                "minutes": ["en": "Water."],
                "unregistered": ["attendeeCount": 4, "participants": ["sex": ["female": 2], "stakeholderType": ["duty_bearer": 1]]],
            ]
            let created = try await h.send(.post, path, as: EventsHarness.coordinator, json: body)
            #expect(created.status == .created, "\(created.text)")
            let report = try created.decoded(as: ReportView.self)
            // Three checked in (two registrants and a walk-in; the absent registrant is not counted), four by hand.
            #expect(report.attendeeCount == 7)
            #expect(report.participants?["sex"] == ["female": 3, "male": 1])
            #expect(report.participants?["ageBand"] == ["30_44": 1])
            #expect(report.participants?["vulnerableGroup"] == ["rural_residents": 1])
            #expect(report.participants?["stakeholderType"] == ["duty_bearer": 2])

            // Written counts are taken as written; what is still left out follows the check-ins.
            let edited = try await h.changeResource(
                .put, path, as: EventsHarness.coordinator, json: ["minutes": ["en": "Water."], "attendeeCount": 30])
            #expect(edited.status == .ok)
            let now = try edited.decoded(as: ReportView.self)
            #expect(now.attendeeCount == 30)
            #expect(now.participants?["sex"] == ["female": 1, "male": 1])
            let written = try await h.changeResource(
                .put, path, as: EventsHarness.coordinator,
                json: ["minutes": ["en": "Water."], "attendeeCount": 12, "participants": ["sex": ["female": 12]]])
            #expect(try written.decoded(as: ReportView.self).participants?["sex"] == ["female": 12])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func handCountsAreCheckedAgainstTheirOwnTotal(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await Self.attendedHearing(h)
            let path = "/api/v1/events/\(event.id)/report"
            let cases: [([String: Any], String)] = [
                (["attendeeCount": 1, "participants": ["sex": ["female": 2]]], "unregistered.participants.sex.female"),
                (["attendeeCount": -1], "unregistered.attendeeCount"),
            ]
            for (unregistered, field) in cases {
                let response = try await h.send(
                    .post, path, as: EventsHarness.coordinator, json: ["minutes": ["en": "x"], "unregistered": unregistered])
                #expect(response.status == .unprocessableContent, "\(field)")
                #expect(response.problem?.errors?[field] != nil, "\(field): \(response.text)")
            }
            // A written total smaller than the check-ins' counts is named as the counts that do not fit.
            let small = try await h.send(.post, path, as: EventsHarness.coordinator, json: ["minutes": ["en": "x"], "attendeeCount": 1])
            #expect(small.problem?.errors?["participants.sex"] != nil, "\(small.text)")
        }
    }
}
