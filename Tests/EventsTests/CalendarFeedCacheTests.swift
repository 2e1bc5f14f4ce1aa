import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import EventsAndHearings

/// The calendar feed is kept rendered until an event changes: every change (an edit, a cancellation, a new
/// event published) shows in the next feed, on this replica and on another one on the same database; an
/// unchanged feed is a 304 to a client that holds its ETag. Both databases.
@Suite struct CalendarFeedCacheTests {
    static let feedPath = "/api/v1/events/calendar.ics?region=KG-N"

    @Test(arguments: TestDatabases.kinds)
    func everyChangeShowsInTheNextFeedAndAnUnchangedOneIsA304(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let hearing = try await h.create(EventsHarness.hearing(["title": ["en": "Water hearing"]]))
            try await h.advance(hearing.id, to: "published")
            let first = try await h.send(.get, Self.feedPath)
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == CalendarController.cacheControl)
            #expect(first.text.contains("SUMMARY:Water hearing"))

            let again = try await h.send(.get, Self.feedPath)
            #expect(again.text == first.text)
            #expect(again.headers[.eTag] == tag)
            let unchanged = try await h.send(.get, Self.feedPath, headers: [.ifNoneMatch: tag])
            #expect(unchanged.status == .notModified)
            #expect(unchanged.text.isEmpty)
            #expect(unchanged.headers[.eTag] == tag)
            #expect(try await h.send(.get, Self.feedPath, headers: [.ifNoneMatch: "\"other\", W/\(tag)"]).status == .notModified)
            // Another filter is another feed with its own tag.
            #expect(try await h.send(.get, Self.feedPath + "&lang=ru", headers: [.ifNoneMatch: tag]).status == .ok)

            try #require(try await h.change(.patch, hearing.id, json: ["title": ["en": "Wells hearing"]]).status == .ok)
            let edited = try await h.send(.get, Self.feedPath, headers: [.ifNoneMatch: tag])
            #expect(edited.status == .ok)
            #expect(edited.text.contains("SUMMARY:Wells hearing"))
            #expect(!edited.text.contains("SUMMARY:Water hearing"))
            #expect(edited.headers[.eTag] != tag)

            try #require(try await h.transition(hearing.id, to: "cancelled", extra: ["reason": "Flood"]).status == .ok)
            #expect(try await h.send(.get, Self.feedPath).text.contains("STATUS:CANCELLED"))

            let forum = try await h.create(EventsHarness.hearing(["type": "forum", "title": ["en": "Naryn forum"]]))
            #expect(!(try await h.send(.get, Self.feedPath).text.contains("Naryn forum")))
            try await h.advance(forum.id, to: "published")
            #expect(try await h.send(.get, Self.feedPath).text.contains("SUMMARY:Naryn forum"))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aChangeThroughAnotherReplicaShowsInTheNextFeed(kind: DatabaseKind) async throws {
        let database = try await TemporaryDatabase.create(kind)
        do {
            let reader = TestConfiguration.reader(for: EventsHarness.definition(), database: database.settings)
            let first = try await ServiceInstance.build(EventsHarness.definition(), reader: reader)
            let second = try await ServiceInstance.build(EventsHarness.definition(), reader: reader)
            try await first.application.test(.router) { one in
                try await second.application.test(.router) { other in
                    let name = EventsHarness.definition().name
                    @Sendable func send(_ method: HTTPRequest.Method, _ path: String, json: String, version: Int? = nil) async throws -> TestResponse {
                        var headers = try await EventsHarness.coordinator.headers(to: name)
                        headers[.contentType] = "application/json"
                        if let version { headers[.ifMatch] = "\"\(version)\"" }
                        return try await one.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: json))
                    }
                    func feed() async throws -> String {
                        try await other.execute(uri: Self.feedPath, method: .get, headers: try await EventsHarness.anonymous.headers(to: name)).text
                    }
                    let fields = String(decoding: try JSONSerialization.data(withJSONObject: EventsHarness.hearing()), as: UTF8.self)
                    let event = try await send(.post, "/api/v1/events", json: fields).decoded(as: EventView.self)
                    try #require(try await send(.post, "/api/v1/events/\(event.id)/transitions", json: #"{"to":"published"}"#, version: 1).status == .ok)
                    #expect(try await feed().contains("UID:\(event.id.lowercased())@"))
                    try #require(
                        try await send(.patch, "/api/v1/events/\(event.id)", json: #"{"title":{"ky":"Hearing on wells"}}"#, version: 2).status == .ok)
                    #expect(try await feed().contains("SUMMARY:Hearing on wells"))
                    try #require(
                        try await send(.post, "/api/v1/events/\(event.id)/transitions", json: #"{"to":"cancelled","reason":"Flood"}"#, version: 3)
                            .status == .ok)
                    #expect(try await feed().contains("STATUS:CANCELLED"))
                }
            }
        } catch {
            try await database.drop()
            throw error
        }
        try await database.drop()
    }

    @Test func theCacheStaysWithinItsBounds() throws {
        let cache = CalendarFeedCache()
        let stamp = CalendarFeedCache.Stamp(events: 1, versions: 1)
        let big = ByteBuffer(repeating: 0x41, count: CalendarFeedCache.maxBytes / 3)
        for day in 0..<Int64(5) {
            let key = CalendarFeedCache.Key(filter: .init(), sinceDay: day)
            cache.keep(.init(body: big, eTag: "\"\(day)\""), of: key, at: stamp)
        }
        #expect(cache.usage.entries == 3)
        #expect(cache.usage.bytes <= CalendarFeedCache.maxBytes)
        // The oldest went first; the newest are still served, and not at another stamp.
        #expect(cache.feed(.init(filter: .init(), sinceDay: 0), at: stamp) == nil)
        #expect(cache.feed(.init(filter: .init(), sinceDay: 4), at: stamp)?.eTag == "\"4\"")
        #expect(cache.feed(.init(filter: .init(), sinceDay: 4), at: .init(events: 1, versions: 2)) == nil)
        for day in 10..<Int64(10 + CalendarFeedCache.maxEntries + 5) {
            cache.keep(.init(body: ByteBuffer(string: "x"), eTag: "\"\(day)\""), of: .init(filter: .init(), sinceDay: day), at: stamp)
        }
        #expect(cache.usage.entries == CalendarFeedCache.maxEntries)
    }

    @Test func timesAreWrittenAsFoundationsCalendarWritesThem() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for seconds in [0.0, 951_782_399.5, 951_782_400, 1_807_000_000, 4_107_542_399, -86_401] {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(
                format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
            #expect(ICalendar.utc(date) == expected)
        }
        #expect(ICalendar.bishkek(Date(timeIntervalSince1970: 1_807_000_000)) == "20270406T142640")
    }
}
