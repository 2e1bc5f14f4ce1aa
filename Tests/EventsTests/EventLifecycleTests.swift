import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Drafting, reading, listing and editing events, on both databases.
@Suite struct EventLifecycleTests {
    @Test(arguments: TestDatabases.kinds)
    func aDraftKeepsEveryFieldAndIsReadBackAsStored(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let fields = EventsHarness.hearing()
            let created = try await h.send(.post, "/api/v1/events", as: EventsHarness.coordinator, json: fields)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let event = try created.decoded(as: EventView.self)
            #expect(event.status == "draft")
            #expect(event.type == "hearing")
            #expect(event.title == ["ky": "Коомдук угуу", "en": "Public hearing on water"])
            #expect(event.format == "hybrid")
            #expect(event.startsAt == Date(timeIntervalSince1970: 1_804_651_200))
            #expect(event.timeZone == "Asia/Bishkek")
            #expect(event.venue == .init(regionCode: "KG-N", locality: "At-Bashy", address: "Lenin 1", accessibilityNotes: "Step-free entrance"))
            #expect(event.onlineUrl == "https://meet.example.org/hearing")
            // UUIDs are compared as UUIDs: their text's case is not part of the contract.
            #expect(UUID(uuidString: event.organizerId) == EventsHarness.narynCouncil)
            #expect(event.coOrganizerIds.compactMap(UUID.init(uuidString:)) == (fields["coOrganizerIds"] as? [String])?.compactMap(UUID.init(uuidString:)))
            #expect(event.languages == ["ky", "ru"])
            #expect(event.interpretation == ["sign"])
            #expect(event.themes == ["environment_water", "access_to_information"])
            #expect(event.targetGroups == ["right_holder", "duty_bearer"])
            #expect(event.visibility == "public")
            let read = try await h.send(.get, "/api/v1/events/\(event.id)", as: EventsHarness.coordinator)
            #expect(try read.decoded(as: EventView.self) == event)
            #expect(read.headers[.eTag] == "\"1\"")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anEditNeedsTheCurrentVersionAndIsRecorded(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            let path = "/api/v1/events/\(event.id)"
            let patch: [String: Any] = ["title": ["en": "Hearing on drinking water"], "visibility": "partners"]
            let withoutVersion = try await h.send(.patch, path, as: EventsHarness.coordinator, json: patch)
            #expect(withoutVersion.status == .preconditionRequired)
            let edited = try await h.send(.patch, path, as: EventsHarness.coordinator, json: patch, headers: [.ifMatch: "\"1\""])
            #expect(edited.status == .ok)
            #expect(edited.headers[.eTag] == "\"2\"")
            let changed = try edited.decoded(as: EventView.self)
            #expect(changed.title == ["en": "Hearing on drinking water"])
            #expect(changed.visibility == "partners")
            #expect(changed.type == "hearing")
            let stale = try await h.send(.patch, path, as: EventsHarness.coordinator, json: ["type": "forum"], headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try await h.send(.get, path, as: EventsHarness.coordinator).decoded(as: EventView.self).type == "hearing")
            let history = try await h.send(.get, path + "/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.map(\.action) == ["created", "edited"])
            #expect(history.entries.last?.note == "changed: title, visibility")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theListFiltersByTypeRegionStateAndDatesAndPagesInStartOrder(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let naryn = try await h.create(EventsHarness.hearing(["startsAt": "2027-03-10T04:00:00Z", "endsAt": "2027-03-10T08:00:00Z"]))
            let talas = try await h.create(
                EventsHarness.hearing([
                    "type": "forum", "venue": ["regionCode": "KG-T"], "startsAt": "2027-01-05T04:00:00Z", "endsAt": "2027-01-05T08:00:00Z",
                ]))
            let online = try await h.create(
                EventsHarness.hearing([
                    "type": "round_table", "format": "online", "venue": NSNull(), "startsAt": "2027-05-01T04:00:00Z",
                    "endsAt": "2027-05-01T06:00:00Z",
                ]))
            try await h.advance(talas.id, to: "published")
            func ids(_ query: String) async throws -> [String] {
                try await h.send(.get, "/api/v1/events\(query)", as: EventsHarness.coordinator).decoded(as: EventPage.self).items.map(\.id)
            }
            #expect(try await ids("") == [talas.id, naryn.id, online.id])
            #expect(try await ids("?type=hearing,round_table") == [naryn.id, online.id])
            #expect(try await ids("?regionCode=KG-N") == [naryn.id])
            #expect(try await ids("?status=published") == [talas.id])
            #expect(try await ids("?from=2027-02-01T00:00:00Z&to=2027-04-01T00:00:00Z") == [naryn.id])
            #expect(try await h.send(.get, "/api/v1/events?type=party", as: EventsHarness.coordinator).problemCode == "invalid_query")

            var seen: [String] = []
            var query = "?limit=2"
            while true {
                let page = try await h.send(.get, "/api/v1/events\(query)", as: EventsHarness.coordinator).decoded(as: EventPage.self)
                seen += page.items.map(\.id)
                guard let cursor = page.nextCursor else { break }
                query = "?limit=2&cursor=\(cursor)"
            }
            #expect(seen == [talas.id, naryn.id, online.id])
        }
    }

    @Test func badFieldsAreNamedOneByOne() async throws {
        try await EventsHarness.with { h in
            func errors(_ fields: [String: Any]) async throws -> [String: String] {
                let response = try await h.send(.post, "/api/v1/events", as: EventsHarness.coordinator, json: EventsHarness.hearing(fields))
                #expect(response.status == .unprocessableContent)
                return response.problem?.errors ?? [:]
            }
            #expect(try await errors(["endsAt": "2027-03-10T04:00:00Z"])["endsAt"] == "must be after startsAt")
            #expect(try await errors(["endsAt": "2027-06-10T04:00:00Z"])["endsAt"] == "must be at most 31 days after startsAt")
            #expect(try await errors(["format": "online", "onlineUrl": NSNull()])["onlineUrl"] == "is required for online events")
            #expect(try await errors(["format": "hybrid", "onlineUrl": "javascript:alert(1)"])["onlineUrl"]?.hasPrefix("must be an https://") == true)
            #expect(try await errors(["format": "in_person", "venue": NSNull()])["venue"]?.hasPrefix("is required for in_person events") == true)
            #expect(try await errors(["title": ["en": String(repeating: "a", count: 401)]])["title.en"]?.hasPrefix("must be at most 400 bytes") == true)
            #expect(try await errors(["themes": Array(repeating: "health", count: 2)])["themes"] == "must not name an item twice")
            let unknownLanguage = try await h.send(
                .post, "/api/v1/events", as: EventsHarness.coordinator, json: EventsHarness.hearing(["languages": ["ky", "de"]]))
            #expect(unknownLanguage.status == .unprocessableContent)
            let tooManyCoOrganizers = (0...20).map { _ in UUID().uuidString.lowercased() }
            #expect(try await errors(["coOrganizerIds": tooManyCoOrganizers])["coOrganizerIds"] == "must have at most 20 items")
        }
    }
}
