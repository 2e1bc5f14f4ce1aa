import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport

/// The registration steps most tests take, on top of ``EventsHarness``.
extension EventsHarness {
    /// A hearing open for registration, with `capacity` places and moderation as told.
    func openEvent(capacity: Int = 0, moderated: Bool = false, as caller: TestIdentity = Self.coordinator) async throws -> EventView {
        let event = try await create()
        try await advance(event.id, to: "registration_open")
        if capacity > 0 || moderated { try await configure(event.id, capacity: capacity, moderated: moderated, as: caller) }
        return event
    }

    /// Sets an event's capacity and moderation, failing the test on a refusal.
    func configure(_ eventID: String, capacity: Int, moderated: Bool = false, as caller: TestIdentity = Self.coordinator) async throws {
        let response = try await send(
            .put, "/api/v1/events/\(eventID)/registration-settings", as: caller, json: ["capacity": capacity, "moderated": moderated])
        guard response.status == .ok else { throw HarnessError("settings refused: \(response.status) \(response.text)") }
    }

    /// Registers `name` anonymously (unless told) and returns the receipt; fails the test when refused.
    @discardableResult
    func register(
        _ eventID: String, name: String = "Aigerim", extra: [String: Any] = [:], as caller: TestIdentity = Self.anonymous
    ) async throws -> RegistrationReceiptView {
        let response = try await send(
            .post, "/api/v1/events/registrations", as: caller, json: extra.merging(["name": name, "eventId": eventID]) { $1 })
        guard response.status == .created else { throw HarnessError("registration refused: \(response.status) \(response.text)") }
        return try response.decoded()
    }

    /// Every registration of the event, as staff list them.
    func registrations(_ eventID: String, query: String = "", as caller: TestIdentity = Self.coordinator) async throws -> [RegistrationView] {
        let response = try await send(.get, "/api/v1/events/\(eventID)/registrations?limit=200\(query)", as: caller)
        guard response.status == .ok else { throw HarnessError("list refused: \(response.status) \(response.text)") }
        return try response.decoded(as: RegistrationPage.self).items
    }

    /// How full the event is, as the public sees it.
    func summary(_ eventID: String) async throws -> RegistrationSummaryView {
        try await send(.get, "/api/v1/events/\(eventID)/registrations/summary").decoded()
    }
}
