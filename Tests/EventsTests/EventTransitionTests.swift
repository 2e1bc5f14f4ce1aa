import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

@testable import EventsAndHearings

/// The states of an event: the transition table, and the moves through the API with their history.
@Suite struct EventTransitionTests {
    @Test func theTableIsTheMainLineWithPostponingAndCancellingBeforeTheEventIsHeld() {
        let mainLine: [EventStatus] = [.draft, .published, .registrationOpen, .registrationClosed, .held, .reportPending, .closed]
        for (from, to) in zip(mainLine, mainLine.dropFirst()) {
            #expect(from.allowedTransitions.contains(to), "\(from) → \(to)")
        }
        for status in EventStatus.allCases {
            #expect(status.allowedTransitions.contains(.cancelled) == status.isBeforeHeld, "\(status) → cancelled")
            #expect(status.allowedTransitions.contains(.postponed) == (status.isBeforeHeld && status != .postponed), "\(status) → postponed")
            #expect(!status.allowedTransitions.contains(status), "\(status) → itself")
        }
        #expect(EventStatus.closed.allowedTransitions.isEmpty)
        #expect(EventStatus.cancelled.allowedTransitions.isEmpty)
        #expect(EventStatus.postponed.allowedTransitions == [.published, .registrationOpen, .cancelled])
    }

    @Test(arguments: TestDatabases.kinds)
    func anEventGoesFromDraftToClosedWithAHistoryEntryPerMove(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            try await h.advance(event.id, to: "closed")
            let read = try await h.send(.get, "/api/v1/events/\(event.id)", as: EventsHarness.coordinator).decoded(as: EventView.self)
            #expect(read.status == "closed")
            #expect(read.version == 7)
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.map(\.action) == ["created"] + Array(repeating: "transition", count: 6))
            #expect(
                history.entries.compactMap(\.to) == [
                    "draft", "published", "registration_open", "registration_closed", "held", "report_pending", "closed",
                ])
            #expect(
                history.entries.dropFirst().compactMap(\.from) == ["draft", "published", "registration_open", "registration_closed", "held", "report_pending"])
        }
    }

    @Test func publishingIsDatedByTheServicesClockOnceAndForAll() async throws {
        let clock = TestClock(try Date("2027-02-01T09:00:00Z", strategy: .iso8601))
        try await EventsHarness.with(clock: clock.reading) { h in
            let event = try await h.create()
            #expect(event.publishedAt == nil)
            try await h.advance(event.id, to: "published")
            let published = clock.now
            clock.set(published.addingTimeInterval(86_400))
            try await h.transition(event.id, to: "postponed", extra: ["startsAt": "2027-03-17T04:00:00Z", "endsAt": "2027-03-17T08:00:00Z"])
            try await h.transition(event.id, to: "registration_open")
            let read = try await h.send(.get, "/api/v1/events/\(event.id)", as: EventsHarness.coordinator).decoded(as: EventView.self)
            #expect(read.publishedAt == published)
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.map(\.occurredAt) == [published, published, clock.now, clock.now])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anIllegalMoveIsAConflictNamingTheAllowedOnes(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            let skipping = try await h.transition(event.id, to: "held")
            #expect(skipping.status == .conflict)
            #expect(skipping.problemCode == "illegal_transition")
            #expect(skipping.problem?.errors?["to"] == "must be one of: published, postponed, cancelled")
            try await h.advance(event.id, to: "held")
            let late = try await h.transition(event.id, to: "cancelled", extra: ["reason": "Too late"])
            #expect(late.status == .conflict)
            #expect(late.problem?.errors?["to"] == "must be one of: report_pending")
            #expect(
                try await h.transition(event.id, to: "postponed", extra: ["startsAt": "2027-04-01T04:00:00Z", "endsAt": "2027-04-01T08:00:00Z"]).status
                    == .conflict)
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.count == 5)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func cancellingNeedsAReasonAndIsFinal(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            try await h.advance(event.id, to: "registration_open")
            let withoutReason = try await h.transition(event.id, to: "cancelled")
            #expect(withoutReason.status == .unprocessableContent)
            #expect(withoutReason.problem?.errors?["reason"] == "is required when cancelling")
            let cancelled = try await h.transition(event.id, to: "cancelled", extra: ["reason": "The hall flooded"])
            #expect(cancelled.status == .ok)
            #expect(try cancelled.decoded(as: EventView.self).cancellationReason == "The hall flooded")
            #expect(try await h.transition(event.id, to: "published").problemCode == "illegal_transition")
            // A cancelled event is a record: its details, agenda and series stay as they were.
            #expect(try await h.change(.patch, event.id, json: ["type": "forum"]).problemCode == "event_final")
            let agendaItem = AgendaTests.item("Late addition")
            #expect(try await h.change(.post, event.id, "/agenda", json: agendaItem).problemCode == "event_final")
            #expect(try await h.change(.put, event.id, "/recurrence", json: ["rule": "FREQ=WEEKLY"]).problemCode == "event_final")
            #expect(try await h.send(.get, "/api/v1/events/\(event.id)", as: EventsHarness.coordinator).decoded(as: EventView.self).type == "hearing")
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.last?.note == "reason: The hall flooded")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func postponingNeedsANewDateAndMovesTheAgendaWithTheEvent(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            try await h.change(
                .post, event.id, "/agenda", json: ["title": ["en": "Opening"], "startsAt": "2027-03-10T04:30:00Z", "durationMinutes": 30])
            try await h.advance(event.id, to: "published")
            let withoutDates = try await h.transition(event.id, to: "postponed")
            #expect(withoutDates.status == .unprocessableContent)
            #expect(withoutDates.problem?.errors?.keys.sorted() == ["endsAt", "startsAt"])
            let sameDates = try await h.transition(event.id, to: "postponed", extra: ["startsAt": "2027-03-10T04:00:00Z", "endsAt": "2027-03-10T08:00:00Z"])
            #expect(sameDates.status == .unprocessableContent)
            let postponed = try await h.transition(
                event.id, to: "postponed", extra: ["startsAt": "2027-03-17T04:00:00Z", "endsAt": "2027-03-17T09:00:00Z", "note": "Snow"])
            #expect(postponed.status == .ok)
            let moved = try postponed.decoded(as: EventView.self)
            #expect(moved.status == "postponed")
            #expect(moved.startsAt == event.startsAt.addingTimeInterval(7 * 86_400))
            #expect(moved.endsAt == event.startsAt.addingTimeInterval(7 * 86_400 + 5 * 3_600))
            let agenda = try await h.send(.get, "/api/v1/events/\(event.id)/agenda", as: EventsHarness.coordinator).decoded(as: AgendaView.self)
            #expect(agenda.items.map(\.startsAt) == [event.startsAt.addingTimeInterval(7 * 86_400 + 1_800)])
            #expect(try await h.transition(event.id, to: "registration_open").status == .ok)
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/history", as: EventsHarness.coordinator).decoded(as: EventHistory.self)
            #expect(history.entries.map(\.to).suffix(2) == ["postponed", "registration_open"])
            #expect(history.entries.dropLast().last?.note == "moved to 2027-03-17T04:00:00Z – 2027-03-17T09:00:00Z; Snow")
        }
    }
}
