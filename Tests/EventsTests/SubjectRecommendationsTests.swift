import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// `GET /api/v1/events/recommendations`: a duty-bearer's or a council's recommendations one by one, the same
/// ones its scorecard counts, newest first, in pages, filtered by status. Both databases.
@Suite struct SubjectRecommendationsTests {
    static let ministry = UUID(uuidString: "0190a000-0000-7000-8000-0000000000c3")!
    static let start = Date(timeIntervalSince1970: 1_804_651_200) // 2027-03-10

    /// A page of the list as the tests read it.
    struct ListingPage: Decodable {
        let items: [Listing]
        let nextCursor: String?
    }

    struct Listing: Decodable {
        let id: String
        let status: String
        let progress: Int
        let dueOn: String
        let overdue: Bool
        let updatedAt: Date
        let event: Brief

        struct Brief: Decodable {
            let id: String
            let title: [String: String]
            let startsAt: Date
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theListShowsWhatTheScorecardCountsNewestFirstInPages(kind: DatabaseKind) async throws {
        let clock = TestClock(Self.start)
        try await EventsHarness.with(kind, clock: clock.reading) { h in
            let hearing = try await h.heldEvent()
            let internalEvent = try await h.heldEvent(EventsHarness.hearing(["visibility": "internal"]))
            var made: [RecommendationView] = []
            for (index, due) in ["2027-03-01", "2027-04-30", "2027-04-30", "2027-05-31"].enumerated() {
                clock.set(Self.start.addingTimeInterval(Double(index) * 3_600))
                made.append(try await h.recommend(hearing.id, to: Self.ministry, dueOn: due))
            }
            _ = try await h.recommend(internalEvent.id, to: Self.ministry)
            _ = try await h.recommend(hearing.id, to: UUID())
            clock.set(Self.start.addingTimeInterval(86_400))
            #expect(try await h.move(made[1].id, to: "rejected").status == .ok)
            #expect(try await h.move(made[2].id, to: "accepted").status == .ok)
            #expect(try await h.move(made[2].id, to: "in_progress", extra: ["progress": 40]).status == .ok)

            // The public: the published public event's four, newest first, in pages that keep the order.
            let path = "/api/v1/events/recommendations?dutyBearer=\(Self.ministry.uuidString)"
            let first = try await h.send(.get, path + "&limit=3").decoded(as: ListingPage.self)
            let cursor = try #require(first.nextCursor)
            let second = try await h.send(.get, path + "&limit=3&cursor=\(cursor)").decoded(as: ListingPage.self)
            #expect(second.nextCursor == nil)
            let listed = first.items + second.items
            #expect(listed.map(\.id) == made.reversed().map(\.id))
            #expect(listed.allSatisfy { $0.event.id == hearing.id && $0.event.title["en"] != nil })
            let working = try #require(listed.first { $0.id == made[2].id })
            #expect(working.status == "in_progress" && working.progress == 40)
            #expect(working.updatedAt == Self.start.addingTimeInterval(86_400))
            // Due on 1 March, still proposed on 11 March: overdue.
            #expect(listed.map(\.overdue) == [false, false, false, true])

            // Its statuses add up to the scorecard's numbers, for the public and for staff.
            for caller in [EventsHarness.anonymous, EventsHarness.coordinator] {
                let card = try await h.send(.get, "/api/v1/events/scorecards?dutyBearer=\(Self.ministry.uuidString)", as: caller)
                    .decoded(as: ScorecardView.self)
                let all = try await h.send(.get, path, as: caller).decoded(as: ListingPage.self).items
                #expect(all.count == card.recommendations)
                #expect(all.filter { !["proposed", "rejected"].contains($0.status) }.count == card.accepted)
                #expect(all.filter { $0.status == "implemented" }.count == card.implemented)
                #expect(all.filter(\.overdue).count == card.overdue)
            }
            let staff = try await h.send(.get, path, as: EventsHarness.coordinator).decoded(as: ListingPage.self)
            #expect(staff.items.contains { $0.event.id == internalEvent.id })

            // A status filter, one or several.
            let rejected = try await h.send(.get, path + "&status=rejected").decoded(as: ListingPage.self)
            #expect(rejected.items.map(\.id) == [made[1].id])
            let open = try await h.send(.get, path + "&status=proposed,in_progress").decoded(as: ListingPage.self)
            #expect(open.items.map(\.id) == [made[3].id, made[2].id, made[0].id])

            // A council's: every recommendation of the events it organises, to whichever duty-bearer.
            let council = try await h.send(.get, "/api/v1/events/recommendations?council=\(EventsHarness.narynCouncil.uuidString)")
                .decoded(as: ListingPage.self)
            #expect(council.items.count == 5)
        }
    }

    @Test func theListNamesExactlyOneSubjectAndBoundsItsQuery() async throws {
        try await EventsHarness.with { h in
            let subject = "dutyBearer=\(UUID())"
            for query in [
                "", "?dutyBearer=abc", "?dutyBearer=\(UUID())&council=\(UUID())", "?\(subject)&status=done", "?\(subject)&limit=0",
                "?\(subject)&limit=201", "?\(subject)&cursor=nonsense",
            ] {
                let response = try await h.send(.get, "/api/v1/events/recommendations\(query)")
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.problemCode == "invalid_query", "\(query)")
            }
        }
    }
}
