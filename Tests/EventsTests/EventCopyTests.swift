import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Copying an event: a new draft on new dates, with the agenda moved by as much as the start.
@Suite struct EventCopyTests {
    @Test(arguments: TestDatabases.kinds)
    func aCopyIsANewDraftWithTheAgendaOnTheNewDates(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let original = try await h.create()
            try await h.change(.post, original.id, "/agenda", json: AgendaTests.item("Opening", at: "2027-03-10T04:00:00Z"))
            try await h.change(.post, original.id, "/agenda", json: AgendaTests.item("Answers", at: "2027-03-10T05:00:00Z"))
            try await h.advance(original.id, to: "closed")

            let copied = try await h.send(
                .post, "/api/v1/events/\(original.id)/copy", as: EventsHarness.coordinator,
                json: ["startsAt": "2027-06-10T04:00:00Z", "endsAt": "2027-06-10T09:00:00Z"])
            #expect(copied.status == .created)
            let copy = try copied.decoded(as: EventView.self)
            #expect(copy.id != original.id)
            #expect(copy.status == "draft")
            #expect(copy.version == 1)
            #expect(copy.copiedFrom == original.id)
            #expect(copy.title == original.title)
            #expect(copy.venue == original.venue)
            #expect(copy.themes == original.themes)
            let shift: TimeInterval = 92 * 86_400
            #expect(copy.startsAt == original.startsAt.addingTimeInterval(shift))
            #expect(copy.endsAt == original.startsAt.addingTimeInterval(shift + 5 * 3_600))

            let originalAgenda = try await h.send(.get, "/api/v1/events/\(original.id)/agenda", as: EventsHarness.coordinator).decoded(as: AgendaView.self)
            let copiedAgenda = try await h.send(.get, "/api/v1/events/\(copy.id)/agenda", as: EventsHarness.coordinator).decoded(as: AgendaView.self)
            #expect(copiedAgenda.items.map(\.title) == originalAgenda.items.map(\.title))
            #expect(copiedAgenda.items.map(\.startsAt) == originalAgenda.items.map { $0.startsAt.addingTimeInterval(shift) })
            #expect(Set(copiedAgenda.items.map(\.id)).isDisjoint(with: originalAgenda.items.map(\.id)))
            let history = try await h.send(.get, "/api/v1/events/\(copy.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.map(\.action) == ["copied"])
            #expect(history.entries.first?.note == "copy of \(original.id.lowercased())")
            let unchanged = try await h.send(.get, "/api/v1/events/\(original.id)", as: EventsHarness.coordinator).decoded(as: EventView.self)
            #expect(unchanged.status == "closed")

            let backwards = try await h.send(
                .post, "/api/v1/events/\(original.id)/copy", as: EventsHarness.coordinator,
                json: ["startsAt": "2027-06-10T04:00:00Z", "endsAt": "2027-06-10T03:00:00Z"])
            #expect(backwards.problem?.errors?["endsAt"] == "must be after startsAt")
        }
    }
}
