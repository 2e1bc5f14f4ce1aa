import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// A duty-bearer's and a council's scorecard: counts, overdue by the service's clock, the median days to a
/// first answer, and only published public events for the public. Both databases.
@Suite struct ScorecardTests {
    static let ministry = UUID(uuidString: "0190a000-0000-7000-8000-0000000000b2")!
    static let start = Date(timeIntervalSince1970: 1_804_651_200) // 2027-03-10

    @Test(arguments: TestDatabases.kinds)
    func theScorecardCountsWhatTheDutyBearerDidAndWhatIsOverdue(kind: DatabaseKind) async throws {
        let clock = TestClock(Self.start)
        try await EventsHarness.with(kind, clock: clock.reading) { h in
            let hearing = try await h.heldEvent()
            let internalEvent = try await h.heldEvent(EventsHarness.hearing(["visibility": "internal"]))
            let accepted = try await h.recommend(hearing.id, to: Self.ministry, dueOn: "2027-04-30")
            let rejected = try await h.recommend(hearing.id, to: Self.ministry, dueOn: "2027-04-30")
            let waiting = try await h.recommend(hearing.id, to: Self.ministry, dueOn: "2027-04-30")
            _ = try await h.recommend(internalEvent.id, to: Self.ministry, dueOn: "2027-04-30")
            _ = try await h.recommend(hearing.id, to: UUID(), dueOn: "2027-04-30")

            clock.set(Self.start.addingTimeInterval(2 * 86_400 + 60))
            #expect(try await h.move(rejected.id, to: "rejected").status == .ok)
            clock.set(Self.start.addingTimeInterval(4 * 86_400 + 60))
            #expect(try await h.move(accepted.id, to: "accepted").status == .ok)

            let path = "/api/v1/events/scorecards?dutyBearer=\(Self.ministry.uuidString)"
            let before = try await h.send(.get, path).decoded(as: ScorecardView.self)
            #expect(
                before
                    == ScorecardView(
                        scope: "public", asOf: "2027-03-14", recommendations: 3, accepted: 1, implemented: 0, overdue: 0, medianDaysToFirstResponse: 3))
            let staff = try await h.send(.get, path, as: EventsHarness.coordinator).decoded(as: ScorecardView.self)
            #expect(staff.scope == "all")
            #expect(staff.recommendations == 4)

            // After the due day, what is neither implemented nor rejected is overdue.
            clock.set(try Date("2027-05-01T00:00:00Z", strategy: .iso8601))
            #expect(try await h.move(accepted.id, to: "in_progress").status == .ok)
            #expect(try await h.move(accepted.id, to: "implemented").status == .ok)
            let after = try await h.send(.get, path).decoded(as: ScorecardView.self)
            #expect(after.overdue == 1)
            #expect(after.implemented == 1)
            #expect(after.accepted == 1)
            let waitingView = try await h.send(.get, "/api/v1/events/recommendations/\(waiting.id)").decoded(as: RecommendationView.self)
            #expect(waitingView.overdue)

            let council = try await h.send(.get, "/api/v1/events/scorecards?council=\(EventsHarness.narynCouncil.uuidString)")
                .decoded(as: ScorecardView.self)
            #expect(council.recommendations == 4)
            #expect(council.overdue == 2)
        }
    }

    @Test func theScorecardNamesExactlyOneSubject() async throws {
        try await EventsHarness.with { h in
            for query in ["", "?dutyBearer=abc", "?dutyBearer=\(UUID())&council=\(UUID())"] {
                let response = try await h.send(.get, "/api/v1/events/scorecards\(query)")
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.problemCode == "invalid_query")
            }
        }
    }
}
