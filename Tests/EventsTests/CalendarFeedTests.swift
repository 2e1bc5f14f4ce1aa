import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// The iCalendar feed, read back by an independent library (PyPI's `icalendar`): it parses, round-trips,
/// and holds the published public events the filters ask for with their UID, SEQUENCE, STATUS, zone,
/// recurrence and escaped texts. Both databases.
@Suite struct CalendarFeedTests {
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
                "summary": str(event["SUMMARY"]), "description": str(event.get("DESCRIPTION", "")),
                "start": start.isoformat(), "zone": str(start.tzinfo), "end": event.decoded("DTEND").isoformat(),
                "rrule": event["RRULE"].to_ical().decode() if "RRULE" in event else None,
                "exdates": [d.dt.isoformat() for x in (event.get("EXDATE") if isinstance(event.get("EXDATE"), list) else [event["EXDATE"]] if "EXDATE" in event else []) for d in x.dts],
                "recurrenceId": event.decoded("RECURRENCE-ID").isoformat() if "RECURRENCE-ID" in event else None,
            })
        print(json.dumps(events))
        """#

    struct ParsedEvent: Decodable {
        let uid: String
        let sequence: Int
        let status: String
        let summary: String
        let description: String
        let start: String
        let zone: String
        let end: String
        let rrule: String?
        let exdates: [String]
        let recurrenceId: String?
    }

    @Test(arguments: TestDatabases.kinds)
    func theFeedOpensInAStandardLibraryWithTheExpectedEvents(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let longTitle = String(repeating: "Коомдук угуу ", count: 12)
            let hearing = try await h.create(
                EventsHarness.hearing(["title": ["ky": longTitle], "description": ["en": "Water; pipes, wells\\pumps\nSecond line"]]))
            try await h.advance(hearing.id, to: "published")
            try #require(try await h.change(.patch, hearing.id, json: ["onlineUrl": "https://meet.example.org/h2"]).status == .ok)
            let cancelled = try await h.create(EventsHarness.hearing(["startsAt": "2027-04-01T04:00:00Z", "endsAt": "2027-04-01T06:00:00Z"]))
            try await h.advance(cancelled.id, to: "published")
            try #require(try await h.transition(cancelled.id, to: "cancelled", extra: ["reason": "Flood"]).status == .ok)
            let series = try await h.create(EventsHarness.hearing(["title": ["en": "Quarterly platform"]]))
            try #require(try await h.change(.put, series.id, "/recurrence", json: ["rule": "FREQ=WEEKLY;COUNT=4"]).status == .ok)
            try #require(
                try await h.change(.post, series.id, "/occurrences/changes", json: ["originalStartsAt": "2027-03-17T04:00:00Z", "status": "cancelled"])
                    .status == .ok)
            try #require(
                try await h.change(
                    .post, series.id, "/occurrences/changes",
                    json: ["originalStartsAt": "2027-03-24T04:00:00Z", "status": "moved", "startsAt": "2027-03-25T05:00:00Z", "endsAt": "2027-03-25T08:00:00Z"]
                ).status == .ok)
            try await h.advance(series.id, to: "published")
            // Left out: a draft, an internal event, another region, another type.
            _ = try await h.create()
            let internalEvent = try await h.create(EventsHarness.hearing(["visibility": "internal"]))
            try await h.advance(internalEvent.id, to: "published")
            let talas = try await h.create(EventsHarness.hearing(["venue": ["regionCode": "KG-T"]]))
            try await h.advance(talas.id, to: "published")
            let forum = try await h.create(EventsHarness.hearing(["type": "forum"]))
            try await h.advance(forum.id, to: "published")

            let response = try await h.send(.get, "/api/v1/events/calendar.ics?region=KG-N&type=hearing&council=\(EventsHarness.narynCouncil)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            let feed = response.text
            // Every line ends in CRLF and is at most 75 octets; the long title was folded.
            #expect(!feed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            let lines = feed.components(separatedBy: "\r\n").dropLast()
            #expect(lines.allSatisfy { $0.utf8.count <= 75 })
            #expect(lines.contains { $0.hasPrefix(" ") })
            #expect(feed.contains(#"DESCRIPTION:Water\; pipes\, wells\\pumps\nSecond line"#))

            let outcome = try await ExternalCommand.run(["python3", "-c", Self.script], input: feed)
            try #require(outcome.status == 0, "python3 with icalendar (pip install icalendar): \(outcome.output)")
            let events = try JSONDecoder().decode([ParsedEvent].self, from: Data(outcome.output.utf8))
            func parsed(_ id: String) -> [ParsedEvent] { events.filter { $0.uid == "\(id.lowercased())@events-and-hearings.openmedia" } }
            #expect(events.count == 4, "\(events.map(\.summary))")

            let one = try #require(parsed(hearing.id).first)
            #expect(one.summary == longTitle)
            #expect(one.description == "Water; pipes, wells\\pumps\nSecond line")
            #expect(one.start == "2027-03-10T10:00:00+06:00")
            #expect(one.zone == "Asia/Bishkek")
            #expect(one.status == "CONFIRMED")
            // Created, published, edited: two changes.
            #expect(one.sequence == 2)
            let called = try #require(parsed(cancelled.id).first)
            #expect(called.status == "CANCELLED")
            #expect(called.sequence == 2)
            let occurrences = parsed(series.id)
            #expect(occurrences.count == 2)
            let master = try #require(occurrences.first { $0.recurrenceId == nil })
            #expect(master.rrule == "FREQ=WEEKLY;COUNT=4")
            #expect(master.exdates == ["2027-03-17T10:00:00+06:00"])
            let moved = try #require(occurrences.first { $0.recurrenceId != nil })
            #expect(moved.recurrenceId == "2027-03-24T10:00:00+06:00")
            #expect(moved.start == "2027-03-25T11:00:00+06:00")
            #expect(moved.sequence == master.sequence)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theFeedHoldsAtMostAThousandEventsAndNoneLongPast(kind: DatabaseKind) async throws {
        let clock = TestClock(try Date("2027-01-01T00:00:00Z", strategy: .iso8601))
        try await EventsHarness.with(kind, clock: clock.reading) { h in
            let old = try await h.create(EventsHarness.hearing(["startsAt": "2027-01-05T04:00:00Z", "endsAt": "2027-01-05T06:00:00Z"]))
            try await h.advance(old.id, to: "published")
            let series = try await h.create(EventsHarness.hearing(["startsAt": "2027-01-06T04:00:00Z", "endsAt": "2027-01-06T06:00:00Z"]))
            try #require(try await h.change(.put, series.id, "/recurrence", json: ["rule": "FREQ=MONTHLY"]).status == .ok)
            try await h.advance(series.id, to: "published")
            for day in 0..<1_000 {
                let start = Date(timeIntervalSince1970: 1_807_000_000 + Double(day) * 3_600)
                let event = try await h.create(
                    EventsHarness.hearing(["startsAt": RFC3339.string(from: start), "endsAt": RFC3339.string(from: start.addingTimeInterval(1_800))]))
                try #require(try await h.transition(event.id, to: "published").status == .ok)
            }
            func uids() async throws -> [String] {
                try await h.send(.get, "/api/v1/events/calendar.ics").text.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
            }
            let all = try await uids()
            #expect(all.count == 1_000)
            #expect(all.first == "UID:\(old.id.lowercased())@events-and-hearings.openmedia")
            // Four months on, the January event is more than 90 days past; the series still repeats.
            clock.set(try Date("2027-05-01T00:00:00Z", strategy: .iso8601))
            let later = try await uids()
            #expect(later.first == "UID:\(series.id.lowercased())@events-and-hearings.openmedia")
            #expect(!later.contains("UID:\(old.id.lowercased())@events-and-hearings.openmedia"))
            #expect(later.count == 1_000)
        }
    }

    @Test func badFiltersAreRefused() async throws {
        try await EventsHarness.with { h in
            for (query, parameter) in [("region=KG-X", "region"), ("type=party", "type"), ("council=abc", "council"), ("lang=de", "lang")] {
                let response = try await h.send(.get, "/api/v1/events/calendar.ics?\(query)")
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.problemCode == "invalid_query", "\(query)")
                #expect(response.text.contains(parameter))
            }
        }
    }
}
