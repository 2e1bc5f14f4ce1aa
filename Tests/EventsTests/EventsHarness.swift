import EventsAndHearings
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport

/// The events-and-hearings service on a fresh database, called directly with the identity the gateway
/// would vouch for.
struct EventsHarness {
    let service: RunningService
    /// The directory the service checks organisation IDs against: every ID an enabled organisation unless the test says otherwise.
    let directory: TestDirectory

    /// The callers most tests use.
    static let coordinator = TestIdentity.principal([.coordinator])
    static let anonymous = TestIdentity.anonymous()

    /// The Naryn council most tests' events are organised by.
    static let narynCouncil = UUID(uuidString: "0190a000-0000-7000-8000-00000000000a")!

    static func with<Result>(
        _ kind: DatabaseKind = .sqlite, clock: @escaping @Sendable () -> Date = { Date() },
        _ body: @Sendable (EventsHarness) async throws -> Result
    ) async throws -> Result {
        let directory = TestDirectory()
        return try await ServiceHarness.run(Self.definition(directory), on: kind, clock: clock) { service in
            try await body(EventsHarness(service: service, directory: directory))
        }
    }

    /// Sends a request as `caller` (the public unless told), with `json` as its body.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, as caller: TestIdentity = Self.anonymous,
        json: Any? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
        return try await service.send(method, path, as: caller, headers: headers, body: body)
    }

    /// Drafts an event as `caller` and returns it; fails the test when it is refused.
    func create(_ fields: [String: Any] = Self.hearing(), as caller: TestIdentity = Self.coordinator) async throws -> EventView {
        let response = try await send(.post, "/api/v1/events", as: caller, json: fields)
        guard response.status == .created else { throw HarnessError("creation refused: \(response.status) \(response.text)") }
        return try response.decoded()
    }

    /// Sends a change to an event with the ETag just read.
    @discardableResult
    func change(
        _ method: HTTPRequest.Method, _ id: String, _ suffix: String = "", as caller: TestIdentity = Self.coordinator, json: Any? = nil
    ) async throws -> TestResponse {
        let current = try await send(.get, "/api/v1/events/\(id)", as: caller)
        return try await send(method, "/api/v1/events/\(id)\(suffix)", as: caller, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    /// Moves the event to `status` with the ETag just read.
    @discardableResult
    func transition(_ id: String, to status: String, as caller: TestIdentity = Self.coordinator, extra: [String: Any] = [:]) async throws
        -> TestResponse
    {
        try await change(.post, id, "/transitions", as: caller, json: extra.merging(["to": status]) { $1 })
    }

    /// Moves the event along the main line until it is `status`, failing the test on a refusal.
    func advance(_ id: String, to status: String) async throws {
        for next in ["published", "registration_open", "registration_closed", "held", "report_pending", "closed"] {
            let response = try await transition(id, to: next)
            guard response.status == .ok else { throw HarnessError("\(next) refused: \(response.text)") }
            if next == status { return }
        }
    }

    /// A valid public hearing in Naryn, organised by ``narynCouncil``, with the given fields replaced.
    static func hearing(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "type": "hearing", "title": ["ky": "Коомдук угуу", "en": "Public hearing on water"],
            "description": ["en": "Water supply in At-Bashy"], "format": "hybrid",
            "startsAt": "2027-03-10T04:00:00Z", "endsAt": "2027-03-10T08:00:00Z",
            "venue": ["regionCode": "KG-N", "locality": "At-Bashy", "address": "Lenin 1", "accessibilityNotes": "Step-free entrance"],
            "onlineUrl": "https://meet.example.org/hearing", "organizerId": narynCouncil.uuidString.lowercased(),
            "coOrganizerIds": [UUID().uuidString.lowercased()], "languages": ["ky", "ru"], "interpretation": ["sign"],
            "themes": ["environment_water", "access_to_information"], "targetGroups": ["right_holder", "duty_bearer"],
            "visibility": "public",
        ]
        fields.merge(overrides) { $1 }
        return fields
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
