import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// A quarterly public platform: an event repeating by an RRULE, its occurrences, and single ones moved,
/// cancelled and restored, each a change of the event, on both databases.
@Suite struct SeriesTests {
    /// The second Tuesday of every third month, 10:00 in Bishkek, four times from 12 January 2027.
    static var quarterly: [String: Any] {
        EventsHarness.hearing([
            "type": "public_platform", "startsAt": "2027-01-12T04:00:00Z", "endsAt": "2027-01-12T07:00:00Z",
        ])
    }
    static let rule = "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=4"

    struct Occurrences: Decodable {
        let items: [Item]
        struct Item: Decodable, Equatable {
            let originalStartsAt: Date
            let startsAt: Date
            let endsAt: Date
            let status: String
        }
    }

    static func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test(arguments: TestDatabases.kinds)
    func aSeriesHasItsRulesOccurrencesWithTheChangesMadeToSingleOnes(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create(Self.quarterly)
            let occurrencesPath = "/api/v1/events/\(event.id)/occurrences"
            #expect(try await h.send(.get, occurrencesPath, as: EventsHarness.coordinator).decoded(as: Occurrences.self).items.count == 1)
            let notASeries = try await h.change(
                .post, event.id, "/occurrences/changes", json: ["originalStartsAt": "2027-04-13T04:00:00Z", "status": "cancelled"])
            #expect(notASeries.problemCode == "not_a_series")

            let offRule = try await h.change(.put, event.id, "/recurrence", json: ["rule": "FREQ=MONTHLY;BYDAY=3TU"])
            #expect(offRule.problem?.errors?["rule"]?.hasPrefix("must have the event's startsAt as its first occurrence") == true)
            #expect(try await h.change(.put, event.id, "/recurrence", json: ["rule": "FREQ=SOMETIMES"]).problem?.errors?["rule"] != nil)
            let set = try await h.change(.put, event.id, "/recurrence", json: ["rule": "freq=monthly;interval=3;byday=2tu;count=4"])
            #expect(set.status == .ok)
            #expect(try set.decoded(as: RecurrenceView.self).recurrenceRule == Self.rule)

            var items = try await h.send(.get, occurrencesPath, as: EventsHarness.coordinator).decoded(as: Occurrences.self).items
            #expect(items.map(\.startsAt) == ["2027-01-12", "2027-04-13", "2027-07-13", "2027-10-12"].map { Self.date("\($0)T04:00:00Z") })
            #expect(items.allSatisfy { $0.status == "scheduled" && $0.endsAt.timeIntervalSince($0.startsAt) == 3 * 3_600 })
            let nextYear = try await h.send(.get, occurrencesPath + "?from=2027-06-01T00:00:00Z&to=2028-06-01T00:00:00Z", as: EventsHarness.coordinator)
            #expect(try nextYear.decoded(as: Occurrences.self).items.map(\.startsAt) == [Self.date("2027-07-13T04:00:00Z"), Self.date("2027-10-12T04:00:00Z")])
            let tooWide = try await h.send(.get, occurrencesPath + "?from=2027-01-01T00:00:00Z&to=2028-01-03T00:00:00Z", as: EventsHarness.coordinator)
            #expect(tooWide.problemCode == "invalid_query")

            // July's moves a week on; April's is called off; then April's is restored.
            let moved = try await h.change(
                .post, event.id, "/occurrences/changes",
                json: ["originalStartsAt": "2027-07-13T04:00:00Z", "status": "moved", "startsAt": "2027-07-20T05:00:00Z", "endsAt": "2027-07-20T08:00:00Z"])
            #expect(moved.status == .ok)
            try await h.change(.post, event.id, "/occurrences/changes", json: ["originalStartsAt": "2027-04-13T04:00:00Z", "status": "cancelled"])
            items = try await h.send(.get, occurrencesPath, as: EventsHarness.coordinator).decoded(as: Occurrences.self).items
            #expect(items.map(\.status) == ["scheduled", "cancelled", "moved", "scheduled"])
            #expect(
                items[2]
                    == .init(
                        originalStartsAt: Self.date("2027-07-13T04:00:00Z"), startsAt: Self.date("2027-07-20T05:00:00Z"),
                        endsAt: Self.date("2027-07-20T08:00:00Z"), status: "moved"))
            try await h.change(.post, event.id, "/occurrences/changes", json: ["originalStartsAt": "2027-04-13T04:00:00Z", "status": "scheduled"])
            items = try await h.send(.get, occurrencesPath, as: EventsHarness.coordinator).decoded(as: Occurrences.self).items
            #expect(items.map(\.status) == ["scheduled", "scheduled", "moved", "scheduled"])

            // Only the rule's occurrences after the first can change; the first is the event itself.
            let notOne = try await h.change(.post, event.id, "/occurrences/changes", json: ["originalStartsAt": "2027-04-14T04:00:00Z", "status": "cancelled"])
            #expect(notOne.problem?.errors?["originalStartsAt"] != nil)
            let first = try await h.change(.post, event.id, "/occurrences/changes", json: ["originalStartsAt": "2027-01-12T04:00:00Z", "status": "cancelled"])
            #expect(first.problem?.errors?["originalStartsAt"] != nil)
            let movedWithoutTimes = try await h.change(
                .post, event.id, "/occurrences/changes", json: ["originalStartsAt": "2027-10-12T04:00:00Z", "status": "moved"])
            #expect(movedWithoutTimes.problem?.errors?.keys.sorted() == ["endsAt", "startsAt"])
            // Moving the event off its rule would leave the series without a start.
            let offSeries = try await h.change(.patch, event.id, json: ["startsAt": "2027-01-13T04:00:00Z", "endsAt": "2027-01-13T07:00:00Z"])
            #expect(offSeries.problem?.errors?["startsAt"]?.hasPrefix("must stay the first occurrence") == true)

            // Without its rule the event stands alone, its changes forgotten.
            let removed = try await h.change(.delete, event.id, "/recurrence")
            #expect(try removed.decoded(as: RecurrenceView.self).recurrenceRule == nil)
            #expect(try await h.send(.get, occurrencesPath, as: EventsHarness.coordinator).decoded(as: Occurrences.self).items.map(\.status) == ["scheduled"])
            #expect(try await h.change(.delete, event.id, "/recurrence").problemCode == "not_a_series")
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.map(\.action) == ["created", "recurrence", "occurrence", "occurrence", "occurrence", "recurrence"])
            #expect(history.entries[1].note == "rule: \(Self.rule)")
        }
    }

    @Test func theOccurrencesArePublicOnceTheEventIs() async throws {
        try await EventsHarness.with { h in
            let event = try await h.create(Self.quarterly)
            try await h.change(.put, event.id, "/recurrence", json: ["rule": Self.rule])
            #expect(try await h.send(.get, "/api/v1/events/\(event.id)/occurrences").status == .notFound)
            try await h.advance(event.id, to: "published")
            let items = try await h.send(.get, "/api/v1/events/\(event.id)/occurrences").decoded(as: Occurrences.self).items
            #expect(items.count == 4)
        }
    }

    struct RecurrenceView: Decodable { let recurrenceRule: String? }
}
