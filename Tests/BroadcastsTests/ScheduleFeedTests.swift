import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// The episode schedule as iCalendar, read back by an independent library (PyPI's `icalendar`): it parses,
/// round-trips, and holds the announced episodes the filter asks for with their UID, SEQUENCE, STATUS and
/// zone, and each show's regular slot as its RRULE. Both databases.
@Suite struct ScheduleFeedTests {
    /// Reads the feed on standard input and prints each VEVENT's fields as JSON, after checking that
    /// writing the parsed calendar and parsing it again gives the same calendar.
    static let script = #"""
        import sys, json, icalendar
        data = sys.stdin.buffer.read()
        calendar = icalendar.Calendar.from_ical(data)
        again = icalendar.Calendar.from_ical(calendar.to_ical())
        assert again.to_ical() == calendar.to_ical(), "does not round-trip"
        assert [c.name for c in calendar.walk("VTIMEZONE")] == ["VTIMEZONE"]
        events = []
        for event in calendar.walk("VEVENT"):
            start = event.decoded("DTSTART")
            events.append({
                "uid": str(event["UID"]), "sequence": int(event["SEQUENCE"]), "status": str(event["STATUS"]),
                "summary": str(event["SUMMARY"]), "start": start.isoformat(), "zone": str(start.tzinfo),
                "end": event.decoded("DTEND").isoformat(), "url": str(event.get("URL", "")),
                "rrule": event["RRULE"].to_ical().decode() if "RRULE" in event else None,
            })
        print(json.dumps(events))
        """#

    struct ParsedEvent: Decodable {
        let uid: String
        let sequence: Int
        let status: String
        let summary: String
        let start: String
        let zone: String
        let end: String
        let url: String
        let rrule: String?
    }

    static func parse(_ feed: String) async throws -> [ParsedEvent] {
        let outcome = try await ExternalCommand.run(["python3", "-c", Self.script], input: feed)
        try #require(outcome.status == 0, "python3 with icalendar (pip install icalendar): \(outcome.output)")
        return try JSONDecoder().decode([ParsedEvent].self, from: Data(outcome.output.utf8))
    }

    @Test(arguments: TestDatabases.kinds)
    func theFeedOpensInAStandardLibraryWithTheAnnouncedEpisodes(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let show = try await h.createShow()
            func plan(_ overrides: [String: Any]) async throws -> String {
                let response = try await h.send(
                    .post, "/api/v1/broadcasts/episodes", as: BroadcastsHarness.coordinator, json: BroadcastsHarness.episode(show: show, overrides))
                return try response.decoded(as: Identified.self).id
            }
            let first = try await plan(["theme": ["ru": "Пенсии; льготы, выплаты"]])
            try #require(try await h.transition(first, to: "announced").status == .ok)
            try #require(try await h.change(.patch, first, json: ["durationMinutes": 90]).status == .ok)
            let called = try await plan(["startsAt": "2027-03-16T13:00:00Z"])
            try #require(try await h.transition(called, to: "announced").status == .ok)
            try #require(try await h.transition(called, to: "cancelled", extra: ["reason": "Flood"]).status == .ok)
            let moved = try await plan(["startsAt": "2027-03-23T13:00:00Z"])
            try #require(try await h.transition(moved, to: "announced").status == .ok)
            try #require(try await h.transition(moved, to: "rescheduled", extra: ["startsAt": "2027-03-24T13:00:00Z"]).status == .ok)
            // Left out: a planned episode, and another show's episode when the feed asks for this show.
            let planned = try await plan(["startsAt": "2027-03-30T13:00:00Z"])
            let other = try await h.createEpisode()
            try #require(try await h.transition(other, to: "announced").status == .ok)

            let response = try await h.send(.get, "/api/v1/broadcasts/schedule.ics?showId=\(show)&lang=ru")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            let feed = response.text
            #expect(!feed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(feed.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
            let events = try await Self.parse(feed)
            func parsed(_ id: String) -> ParsedEvent? { events.first { $0.uid == "\(id.lowercased())@broadcasts.openmedia" } }
            #expect(events.count == 4, "\(events.map(\.summary))")
            #expect(parsed(planned) == nil)
            #expect(parsed(other) == nil)

            let one = try #require(parsed(first))
            #expect(one.summary == "Омбудсмен отвечает: Пенсии; льготы, выплаты")
            #expect(one.start == "2027-03-09T19:00:00+06:00")
            #expect(one.end == "2027-03-09T20:30:00+06:00")
            #expect(one.zone == "Asia/Bishkek")
            #expect(one.status == "CONFIRMED")
            #expect(one.url == "https://live.example.org/ombudsman")
            // Planned, announced, edited: two changes.
            #expect(one.sequence == 2)
            #expect(one.rrule == nil)
            #expect(try #require(parsed(called)).status == "CANCELLED")
            #expect(try #require(parsed(called)).sequence == 2)
            let rescheduled = try #require(parsed(moved))
            #expect(rescheduled.status == "TENTATIVE")
            #expect(rescheduled.start == "2027-03-24T19:00:00+06:00")
            // The show's regular slot repeats from its first announced episode.
            let slot = try #require(parsed(show))
            #expect(slot.rrule == "FREQ=WEEKLY;BYDAY=TU")
            #expect(slot.start == "2027-03-09T19:00:00+06:00")
            #expect(slot.sequence == 0)

            // A change to the episode raises its SEQUENCE in the next feed.
            try #require(try await h.change(.patch, first, json: ["streamUrl": "https://live.example.org/other"]).status == .ok)
            let again = try await Self.parse(try await h.send(.get, "/api/v1/broadcasts/schedule.ics").text)
            let changed = try #require(again.first { $0.uid == "\(first.lowercased())@broadcasts.openmedia" })
            #expect(changed.sequence == 3)
            #expect(changed.url == "https://live.example.org/other")
            #expect(again.contains { $0.uid == "\(other.lowercased())@broadcasts.openmedia" })
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func episodesLongPastLeaveTheFeed(kind: DatabaseKind) async throws {
        let clock = TestClock(try Date("2027-03-01T00:00:00Z", strategy: .iso8601))
        try await BroadcastsHarness.with(kind, clock: clock.reading) { h in
            let episode = try await h.createEpisode()
            try #require(try await h.transition(episode, to: "announced").status == .ok)
            func uids() async throws -> [String] {
                try await h.send(.get, "/api/v1/broadcasts/schedule.ics").text.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
            }
            #expect(try await uids().contains("UID:\(episode.lowercased())@broadcasts.openmedia"))
            clock.set(try Date("2027-07-01T00:00:00Z", strategy: .iso8601))
            #expect(try await uids().isEmpty)
        }
    }

    @Test func badFiltersAreRefused() async throws {
        try await BroadcastsHarness.with { h in
            for (query, parameter) in [("showId=abc", "showId"), ("lang=de", "lang")] {
                let response = try await h.send(.get, "/api/v1/broadcasts/schedule.ics?\(query)")
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.problemCode == "invalid_query", "\(query)")
                #expect(response.text.contains(parameter))
            }
        }
    }
}
