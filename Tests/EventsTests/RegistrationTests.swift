import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Registration: only while the event is open, with a code of 8 unambiguous characters, capacity, a
/// waitlist that moves up in arrival order, moderation, withdrawal with the code, and the person's data
/// only for staff who run the event.
@Suite struct RegistrationTests {
    /// Eight characters of Crockford base32 in two groups: no I, L, O or U.
    static func isCode(_ text: String) -> Bool {
        text.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/) != nil
    }

    @Test(arguments: TestDatabases.kinds)
    func registrationIsTakenOnlyWhileTheEventIsOpenAndGivesACodeOnce(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            let path = "/api/v1/events/registrations"
            let early = try await h.send(.post, path, json: ["name": "Aigerim", "eventId": event.id])
            // A draft is hidden from the public altogether.
            #expect(early.status == .notFound)
            try await h.advance(event.id, to: "published")
            let published = try await h.send(.post, path, json: ["name": "Aigerim", "eventId": event.id])
            #expect(published.status == .conflict)
            #expect(published.problemCode == "registration_not_open")
            #expect(published.problem?.detail?.contains("published") == true)
            #expect(try await h.transition(event.id, to: "registration_open").status == .ok)

            let receipt = try await h.register(event.id, extra: ["phone": "+996 555 123 456"])
            #expect(receipt.status == "confirmed")
            let code = try #require(receipt.registrationCode)
            #expect(Self.isCode(code))
            #expect(receipt.checkInPass?.lowercased().hasPrefix("omev1.\(event.id.lowercased()).\(receipt.id.lowercased()).") == true)
            // Typed by hand: lower case, no hyphen, O for 0 all find it.
            let typed = code.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "0", with: "o")
            let looked = try await h.send(.post, "\(path)/lookup", json: ["code": typed])
            #expect(try looked.decoded(as: RegistrationStatusView.self).id == receipt.id)
            #expect(!looked.text.contains("Aigerim"))
            #expect(try await h.send(.post, "\(path)/lookup", json: ["code": "ABCD-EFGH"]).status == .notFound)
            #expect(try await h.send(.post, "\(path)/lookup", json: ["code": "ABCD-EFG!"]).status == .unprocessableContent)

            #expect(try await h.transition(event.id, to: "registration_closed").status == .ok)
            let late = try await h.send(.post, path, json: ["name": "Late", "eventId": event.id])
            #expect(try await h.send(.post, path, json: ["name": "Nowhere"]).problem?.errors == ["eventId": "is required"])
            #expect(late.problemCode == "registration_not_open")
            #expect(late.problem?.detail?.contains("registration_closed") == true)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aFullEventWaitlistsAndMovesUpInArrivalOrderWhenAPlaceFrees(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent(capacity: 2)
            var receipts: [RegistrationReceiptView] = []
            for name in ["A", "B", "C", "D", "E"] { receipts.append(try await h.register(event.id, name: name)) }
            #expect(receipts.map(\.status) == ["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"])
            #expect(receipts.map(\.waitlistPosition) == [nil, nil, 1, 2, 3])
            var summary = try await h.summary(event.id)
            #expect((summary.capacity, summary.placesTaken, summary.placesLeft, summary.waitlisted) == (2, 2, 0, 3))

            // A withdraws with the code: C, first in the queue, takes the place.
            let path = "/api/v1/events/\(event.id)/registrations"
            let desk = "/api/v1/events/registrations"
            let withdrawn = try await h.send(.post, "\(desk)/withdraw", json: ["code": receipts[0].registrationCode!])
            #expect(try withdrawn.decoded(as: RegistrationStatusView.self).status == "withdrawn")
            let again = try await h.send(.post, "\(desk)/withdraw", json: ["code": receipts[0].registrationCode!])
            #expect(again.problemCode == "registration_not_active")
            var statuses = try await h.registrations(event.id).map(\.status)
            #expect(statuses == ["withdrawn", "confirmed", "confirmed", "waitlisted", "waitlisted"])

            // Staff reject B: D moves up.
            let rejected = try await h.changeResource(.post, "\(path)/\(receipts[1].id)", "/decision", json: ["decision": "reject"])
            #expect(rejected.status == .ok)
            statuses = try await h.registrations(event.id).map(\.status)
            #expect(statuses == ["withdrawn", "rejected", "confirmed", "confirmed", "waitlisted"])
            let position = try await h.send(.post, "\(desk)/lookup", json: ["code": receipts[4].registrationCode!])
            #expect(try position.decoded(as: RegistrationStatusView.self).waitlistPosition == 1)

            // More places: E moves up, and the next one in is confirmed at once.
            try await h.configure(event.id, capacity: 4)
            statuses = try await h.registrations(event.id).map(\.status)
            #expect(statuses == ["withdrawn", "rejected", "confirmed", "confirmed", "confirmed"])
            #expect(try await h.register(event.id, name: "F").status == "confirmed")
            summary = try await h.summary(event.id)
            #expect((summary.placesTaken, summary.placesLeft, summary.waitlisted) == (4, 0, 0))
            // Unlimited again.
            try await h.configure(event.id, capacity: 0)
            #expect(try await h.summary(event.id).placesLeft == nil)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aModeratedEventHoldsPlacesPendingUntilStaffDecide(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent(capacity: 1, moderated: true)
            let first = try await h.register(event.id, name: "First")
            let second = try await h.register(event.id, name: "Second")
            #expect((first.status, second.status) == ("pending", "waitlisted"))
            let path = "/api/v1/events/\(event.id)/registrations"
            let early = try await h.changeResource(.post, "\(path)/\(second.id)", "/decision", json: ["decision": "confirm"])
            #expect(early.problemCode == "registration_not_pending")
            let rejected = try await h.changeResource(.post, "\(path)/\(first.id)", "/decision", json: ["decision": "reject"])
            #expect(try rejected.decoded(as: RegistrationView.self).status == "rejected")
            // The place goes to the next in line, pending too.
            let promoted = try await h.send(.get, "\(path)/\(second.id)", as: EventsHarness.coordinator).decoded(as: RegistrationView.self)
            #expect(promoted.status == "pending")
            let confirmed = try await h.changeResource(.post, "\(path)/\(second.id)", "/decision", json: ["decision": "confirm"])
            #expect(try confirmed.decoded(as: RegistrationView.self).status == "confirmed")
            let invalid = try await h.changeResource(.post, "\(path)/\(second.id)", "/decision", json: ["decision": "maybe"])
            #expect(invalid.status == .unprocessableContent)
            let unknown = try await h.send(
                .post, "\(path)/\(UUID())/decision", as: EventsHarness.coordinator, json: ["decision": "reject"], headers: [.ifMatch: "\"1\""])
            #expect(unknown.status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func personalDataIsForStaffWhoRunTheEventAndEachDisaggregationFieldNeedsConsent(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent()
            let path = "/api/v1/events/\(event.id)/registrations"
            let unconsented = try await h.send(
                .post, "/api/v1/events/registrations",
                json: ["eventId": event.id, "name": "Nurlan", "sex": "male", "ageBand": "30_44", "consent": ["sex": true]])
            #expect(unconsented.status == .unprocessableContent)
            #expect(unconsented.problem?.errors?.keys.sorted() == ["ageBand"])
            let nameless = try await h.send(.post, "/api/v1/events/registrations", json: ["eventId": event.id, "name": "  ", "phone": "call me"])
            #expect(nameless.problem?.errors?.keys.sorted() == ["name", "phone"])
            let fields: [String: Any] = [
                "phone": "+996 700 111 222", "email": "nurlan@example.org", "sex": "male", "ageBand": "30_44",
                "vulnerableGroups": ["persons_with_disabilities"], "stakeholderType": "right_holder", "showAttendance": true,
                "consent": ["sex": true, "ageBand": true, "vulnerableGroups": true, "stakeholderType": true],
            ]
            let receipt = try await h.register(event.id, name: "Nurlan", extra: fields)

            let staff = try await h.send(.get, "\(path)/\(receipt.id)", as: EventsHarness.coordinator).decoded(as: RegistrationView.self)
            #expect(staff.participant.name == "Nurlan")
            #expect(staff.participant.phone == "+996 700 111 222")
            #expect(staff.participant.vulnerableGroups == ["persons_with_disabilities"])
            #expect(staff.showAttendance)
            let council = TestIdentity.principal([.councilMember], organizationID: EventsHarness.narynCouncil, organizationRegion: .naryn)
            #expect(try await h.registrations(event.id, as: council).first?.participant.email == "nurlan@example.org")

            let elsewhere = TestIdentity.principal([.councilMember], organizationID: UUID(), organizationRegion: .talas)
            for caller in [EventsHarness.anonymous, elsewhere, .principal([.journalist]), .principal([.stakeholder])] {
                for target in [path, "\(path)/\(receipt.id)"] {
                    let response = try await h.send(.get, target, as: caller)
                    #expect([.unauthorized, .forbidden].contains(response.status), "\(target) answered \(response.status)")
                    #expect(!response.text.contains("Nurlan"))
                }
            }
            let summary = try await h.send(.get, "\(path)/summary")
            #expect(summary.status == .ok)
            #expect(!summary.text.contains("Nurlan"))
        }
    }

    @Test func aRetriedRegistrationWithTheSameKeyIsOneRegistrationWithoutItsCodeAgain() async throws {
        try await EventsHarness.with { h in
            let event = try await h.openEvent()
            let path = "/api/v1/events/registrations"
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "retry-1"]
            let body: [String: Any] = ["name": "Once", "eventId": event.id]
            let first = try await h.send(.post, path, json: body, headers: key).decoded(as: RegistrationReceiptView.self)
            let replay = try await h.send(.post, path, json: body, headers: key)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let replayed = try replay.decoded(as: RegistrationReceiptView.self)
            #expect(replayed.id == first.id)
            #expect(replayed.registrationCode == nil)
            #expect(replayed.replayNotice != nil)
            #expect(try await h.registrations(event.id).count == 1)
        }
    }

    @Test func settingsAreForThoseWhoRunTheEventAndBounded() async throws {
        try await EventsHarness.with { h in
            let event = try await h.openEvent()
            let path = "/api/v1/events/\(event.id)/registration-settings"
            let elsewhere = TestIdentity.principal([.councilMember], organizationID: UUID(), organizationRegion: .talas)
            #expect(try await h.send(.put, path, as: elsewhere, json: ["capacity": 5, "moderated": false]).problemCode == "forbidden")
            #expect(try await h.send(.put, path, as: .principal([.journalist]), json: ["capacity": 5, "moderated": false]).status == .forbidden)
            let negative = try await h.send(.put, path, as: EventsHarness.coordinator, json: ["capacity": -1, "moderated": false])
            #expect(negative.problem?.errors?["capacity"] == "must be from 0 to 100000")
            try await h.transition(event.id, to: "cancelled", extra: ["reason": "Flood"])
            let final = try await h.send(.put, path, as: EventsHarness.coordinator, json: ["capacity": 5, "moderated": false])
            #expect(final.problemCode == "event_final")
        }
    }
}
