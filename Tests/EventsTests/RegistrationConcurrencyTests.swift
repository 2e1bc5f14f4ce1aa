import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// No overbooking: registrations for one event are counted one at a time, whatever arrives together.
@Suite struct RegistrationConcurrencyTests {
    static let places = 50
    static let registrants = 200

    @Test(arguments: TestDatabases.kinds)
    func twoHundredAtOnceForFiftyPlacesGiveFiftyConfirmedAndTheRestWaitlistedInArrivalOrder(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent(capacity: Self.places)
            let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 1...Self.registrants {
                    group.addTask { try await h.register(event.id, name: "Person \(index)").status }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == "confirmed" }.count == Self.places)
            #expect(statuses.filter { $0 == "waitlisted" }.count == Self.registrants - Self.places)

            // Arrival order is the order of commit: the first 50 arrival numbers hold the places, and the
            // waitlist is the rest, numbered without a gap.
            let stored = try await h.registrations(event.id)
            #expect(stored.map(\.sequence) == Array(1...Self.registrants))
            #expect(stored.prefix(Self.places).allSatisfy { $0.status == "confirmed" })
            #expect(stored.dropFirst(Self.places).allSatisfy { $0.status == "waitlisted" })
            let positions = try await withThrowingTaskGroup(of: Int?.self) { group in
                for registration in stored.dropFirst(Self.places).prefix(3) {
                    group.addTask {
                        try await h.send(.get, "/api/v1/events/\(event.id)/registrations/\(registration.id)", as: EventsHarness.coordinator)
                            .decoded(as: RegistrationView.self).waitlistPosition
                    }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(Set(positions.compactMap { $0 }) == [1, 2, 3])
        }
    }
}
