import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

/// `GET /internal/indicators`: events held by type and region, participants by disaggregation from approved
/// reports, duty-bearers who attended, recommendations made, accepted, implemented and overdue. Both databases.
@Suite struct EventIndicatorTests {
    static let ministry = UUID(uuidString: "0190a000-0000-7000-8000-0000000000b3")!

    static func value(_ figures: [IndicatorFigure], _ name: String, dimensions: IndicatorDimensions = .init()) -> Double? {
        figures.first { $0.indicator == "events-and-hearings.\(name)" && $0.period == "2027-03" && $0.regionCode == "KG-N" && $0.dimensions == dimensions }?
            .value
    }

    @Test(arguments: TestDatabases.kinds)
    func theFiguresCountHeldEventsTheirReportsAndRecommendations(kind: DatabaseKind) async throws {
        let clock = TestClock(try Date("2027-03-11T06:00:00Z", strategy: .iso8601))
        try await EventsHarness.with(kind, clock: clock.reading) { h in
            let hearing = try await h.heldEvent()
            _ = try await h.heldEvent(EventsHarness.hearing(["type": "forum"]))
            _ = try await h.heldEvent(EventsHarness.hearing(["format": "online", "venue": NSNull()]))
            _ = try await h.create(EventsHarness.hearing(["venue": ["regionCode": "KG-T"]]))
            // Officials who came are counted from invitations marked as attended, not from a form's tick.
            for (role, attendance) in [("official", "attended"), ("official", "attended"), ("official", "no_show"), ("speaker", "attended")] {
                try await h.invite(hearing.id, role: role, attendance: attendance)
            }
            let report = "/api/v1/events/\(hearing.id)/report"
            try #require(try await h.send(.post, report, as: EventsHarness.coordinator, json: EventsHarness.report()).status == .created)
            try #require(try await h.changeResource(.post, report, "/transitions", json: ["to": "submitted"]).status == .ok)
            try #require(try await h.changeResource(.post, report, "/transitions", json: ["to": "approved"]).status == .ok)
            let done = try await h.recommend(hearing.id, to: Self.ministry, dueOn: "2027-04-30")
            _ = try await h.recommend(hearing.id, to: Self.ministry, dueOn: "2027-03-15")
            let declined = try await h.recommend(hearing.id, to: Self.ministry, dueOn: "2027-03-15")
            for status in ["accepted", "in_progress", "implemented"] { try #require(try await h.move(done.id, to: status).status == .ok) }
            try #require(try await h.move(declined.id, to: "rejected").status == .ok)

            clock.set(try Date("2027-03-20T06:00:00Z", strategy: .iso8601))
            let response = try await h.send(.get, "/internal/indicators?from=2027-03&to=2027-04", as: .service("gateway"))
            #expect(response.status == .ok)
            let figures = try response.decoded(as: IndicatorFigures.self).items
            #expect(Self.value(figures, "held") == 2)
            #expect(Self.value(figures, "held_hearing") == 1)
            #expect(Self.value(figures, "held_forum") == 1)
            #expect(Self.value(figures, "participants") == 20)
            #expect(Self.value(figures, "participants", dimensions: .init(sex: "female")) == 11)
            #expect(Self.value(figures, "participants", dimensions: .init(vulnerableGroup: "rural_residents")) == 20)
            #expect(Self.value(figures, "participants", dimensions: .init(stakeholderType: "duty_bearer")) == 3)
            // The report says 3 duty-bearers took part; the invitations say 2 invited officials came.
            #expect(Self.value(figures, "duty_bearers_attended") == 2)
            #expect(Self.value(figures, "recommendations_made") == 3)
            #expect(Self.value(figures, "recommendations_accepted") == 1)
            #expect(Self.value(figures, "recommendations_implemented") == 1)
            #expect(Self.value(figures, "recommendations_overdue") == 1)
            // Every figure is one the gateway believes: its own name, a month asked for, a known region.
            #expect(figures.allSatisfy { $0.indicator.hasPrefix("events-and-hearings.") && Region(rawValue: $0.regionCode) != nil })
            #expect(figures.allSatisfy { $0.period == "2027-03" })

            #expect(try await h.send(.get, "/internal/indicators?from=2027-03&to=2027-04", as: EventsHarness.coordinator).status != .ok)
            let badPeriod = try await h.send(.get, "/internal/indicators?from=2027-05&to=2027-04", as: .service("gateway"))
            #expect(badPeriod.status == .badRequest)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func uniqueParticipantsCountAPersonOnceAcrossEventsByTheirPhoneOrEmail(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            // Each event: who registers (name, phone, email, extra fields) and whether they come.
            let consentedFemale: [String: Any] = ["sex": "female", "consent": ["sex": true]]
            let people: [[(String?, String?, [String: Any], Bool)]] = [
                [("+996 700 123 456", nil, consentedFemale, true), (nil, "Bermet@Example.org", [:], true), ("+996 555 000 111", nil, [:], false)],
                // The same two people, their contacts written another way; a third who gave no contact.
                [("0700 123-456", nil, [:], true), (nil, "bermet@example.org", [:], true), (nil, nil, [:], true)],
            ]
            for registrants in people {
                let event = try await h.openEvent()
                for (phone, email, extra, comes) in registrants {
                    var fields = extra
                    fields["phone"] = phone
                    fields["email"] = email
                    let receipt = try await h.register(event.id, name: "Participant", extra: fields)
                    guard comes else { continue }
                    let checkIn = try await h.send(
                        .post, "/api/v1/events/\(event.id)/check-ins", as: EventsHarness.coordinator, json: ["code": receipt.registrationCode!])
                    try #require(checkIn.status == .ok)
                }
                for status in ["registration_closed", "held"] { try #require(try await h.transition(event.id, to: status).status == .ok) }
            }
            let response = try await h.send(.get, "/internal/indicators?from=2027-03&to=2027-03", as: .service("gateway"))
            let figures = try response.decoded(as: IndicatorFigures.self).items
            // Five came, three people: the phone's owner, the email's owner and the one without a contact.
            #expect(Self.value(figures, "unique_participants") == 3)
            // What the phone's owner gave at their first event stays theirs at the second.
            #expect(Self.value(figures, "unique_participants", dimensions: .init(sex: "female")) == 1)
            // The contacts themselves are nowhere in the database: only their keyed hashes are.
            let file = try RawDatabase(h.service.settings.database)
            for contact in ["996700123456", "700 123 456", "bermet@example.org", "Bermet@Example.org"] {
                #expect(!file.holds(contact), "the database holds \(contact)")
            }
        }
    }
}
