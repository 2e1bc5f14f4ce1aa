import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// An event's agenda: its items change with the event's version, are public once the event is, keep an
/// order that can be changed, and are bounded in number.
@Suite struct AgendaTests {
    static func item(_ title: String, at time: String = "2027-03-10T05:00:00Z", minutes: Int = 30) -> [String: Any] {
        ["title": ["en": title], "startsAt": time, "durationMinutes": minutes, "speakers": ["Ombudsman's representative"]]
    }

    @Test(arguments: TestDatabases.kinds)
    func itemsAreAddedChangedReorderedAndRemovedAsChangesOfTheEvent(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            let agendaPath = "/api/v1/events/\(event.id)/agenda"
            let withoutVersion = try await h.send(.post, agendaPath, as: EventsHarness.coordinator, json: Self.item("Opening"))
            #expect(withoutVersion.status == .preconditionRequired)
            let added = try await h.change(.post, event.id, "/agenda", json: Self.item("Opening", at: "2027-03-10T04:00:00Z"))
            #expect(added.status == .created)
            #expect(added.headers[.eTag] == "\"2\"")
            try await h.change(.post, event.id, "/agenda", json: Self.item("Officials answer", at: "2027-03-10T04:30:00Z", minutes: 90))
            try await h.change(.post, event.id, "/agenda", json: Self.item("Recommendations", at: "2027-03-10T06:00:00Z"))
            var agenda = try await h.send(.get, agendaPath, as: EventsHarness.coordinator).decoded(as: AgendaView.self)
            #expect(agenda.items.map { $0.title["en"] } == ["Opening", "Officials answer", "Recommendations"])
            #expect(agenda.items.map(\.position) == [1, 2, 3])
            #expect(agenda.items[1].durationMinutes == 90)
            #expect(agenda.items[0].speakers == ["Ombudsman's representative"])
            #expect(agenda.version == 4)

            let changed = try await h.change(.patch, event.id, "/agenda/\(agenda.items[2].id)", json: ["durationMinutes": 45, "speakers": []])
            #expect(changed.status == .ok)
            let order = [agenda.items[2].id, agenda.items[0].id, agenda.items[1].id]
            #expect(try await h.change(.put, event.id, "/agenda/order", json: ["itemIds": order]).status == .ok)
            agenda = try await h.send(.get, agendaPath, as: EventsHarness.coordinator).decoded(as: AgendaView.self)
            #expect(agenda.items.map(\.id) == order)
            #expect(agenda.items[0].durationMinutes == 45)
            #expect(agenda.items[0].speakers == [])
            let incomplete = try await h.change(.put, event.id, "/agenda/order", json: ["itemIds": Array(order.prefix(2))])
            #expect(incomplete.status == .unprocessableContent)
            #expect(try await h.change(.delete, event.id, "/agenda/\(order[0])").status == .ok)
            agenda = try await h.send(.get, agendaPath, as: EventsHarness.coordinator).decoded(as: AgendaView.self)
            #expect(agenda.items.map(\.id) == Array(order.dropFirst()))
            #expect(try await h.change(.delete, event.id, "/agenda/\(order[0])").status == .notFound)
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.map(\.action) == ["created"] + Array(repeating: "agenda", count: 6))
        }
    }

    @Test func anItemMustFitItsEventAndItsLimits() async throws {
        try await EventsHarness.with { h in
            let event = try await h.create()
            func errors(_ fields: [String: Any]) async throws -> [String: String] {
                let response = try await h.change(.post, event.id, "/agenda", json: fields)
                #expect(response.status == .unprocessableContent)
                return response.problem?.errors ?? [:]
            }
            #expect(try await errors(Self.item("Before", at: "2027-03-10T03:59:00Z"))["startsAt"]?.hasPrefix("must be within the event") == true)
            #expect(try await errors(Self.item("After", at: "2027-03-10T08:00:00Z"))["startsAt"]?.hasPrefix("must be within the event") == true)
            #expect(try await errors(Self.item("Long", minutes: 1_441))["durationMinutes"] == "must be from 1 to 1440")
            #expect(try await errors(["startsAt": "2027-03-10T05:00:00Z"]).keys.sorted() == ["durationMinutes", "title"])
            var crowded = Self.item("Crowded")
            crowded["speakers"] = Array(repeating: "Speaker", count: 21)
            #expect(try await errors(crowded)["speakers"] == "must have at most 20 items")
        }
    }

    @Test func anAgendaHoldsAtMostFiftyItems() async throws {
        try await EventsHarness.with { h in
            let event = try await h.create()
            for index in 1...50 {
                let added = try await h.change(.post, event.id, "/agenda", json: Self.item("Item \(index)"))
                try #require(added.status == .created)
            }
            let oneMore = try await h.change(.post, event.id, "/agenda", json: Self.item("Item 51"))
            #expect(oneMore.status == .conflict)
            #expect(oneMore.problemCode == "agenda_full")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theAgendaIsPublicOnceTheEventIsPublished(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            try await h.change(.post, event.id, "/agenda", json: Self.item("Opening"))
            let agendaPath = "/api/v1/events/\(event.id)/agenda"
            #expect(try await h.send(.get, agendaPath).status == .notFound)
            try await h.advance(event.id, to: "published")
            let published = try await h.send(.get, agendaPath)
            #expect(published.status == .ok)
            #expect(try published.decoded(as: AgendaView.self).items.map { $0.title["en"] } == ["Opening"])
        }
    }
}
