import Broadcasts
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport

/// The broadcasts service on a fresh database, called directly with the identity the gateway would vouch for.
struct BroadcastsHarness {
    let service: RunningService

    /// The callers most tests use.
    static let coordinator = TestIdentity.principal([.coordinator])
    static let anonymous = TestIdentity.anonymous()

    static func with<Result>(
        _ kind: DatabaseKind = .sqlite, settings: [String: String] = [:], setup: TestingSetup = .router,
        clock: @escaping @Sendable () -> Date = { Date() }, _ body: @Sendable (BroadcastsHarness) async throws -> Result
    ) async throws -> Result {
        try await ServiceHarness.run(BroadcastsService.definition, on: kind, settings: settings, setup: setup, clock: clock) { service in
            try await body(BroadcastsHarness(service: service))
        }
    }

    /// Sends a request as `caller` (the public unless told), with `json` as its body.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, as caller: TestIdentity = Self.anonymous, json: Any? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
        return try await service.send(method, path, as: caller, headers: headers, body: body)
    }

    /// Creates a show as a coordinator and returns its ID.
    func createShow(_ fields: [String: Any] = Self.show()) async throws -> String {
        let response = try await send(.post, "/api/v1/broadcasts/shows", as: Self.coordinator, json: fields)
        guard response.status == .created else { throw HarnessError("show refused: \(response.status) \(response.text)") }
        return try response.decoded(as: Identified.self).id
    }

    /// Plans an episode of a new show as a coordinator and returns its ID.
    func createEpisode(_ overrides: [String: Any] = [:]) async throws -> String {
        let show = try await createShow()
        let response = try await send(.post, "/api/v1/broadcasts/episodes", as: Self.coordinator, json: Self.episode(show: show, overrides))
        guard response.status == .created else { throw HarnessError("episode refused: \(response.status) \(response.text)") }
        return try response.decoded(as: Identified.self).id
    }

    /// Sends a change to an episode (or below it) with the episode's ETag just read.
    @discardableResult
    func change(
        _ method: HTTPRequest.Method, _ id: String, _ suffix: String = "", as caller: TestIdentity = Self.coordinator, json: Any? = nil
    ) async throws -> TestResponse {
        let current = try await send(.get, "/api/v1/broadcasts/episodes/\(id)", as: Self.coordinator)
        return try await send(
            method, "/api/v1/broadcasts/episodes/\(id)\(suffix)", as: caller, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    /// Moves the episode to `status` with the ETag just read.
    @discardableResult
    func transition(_ id: String, to status: String, as caller: TestIdentity = Self.coordinator, extra: [String: Any] = [:]) async throws
        -> TestResponse
    {
        try await change(.post, id, "/transitions", as: caller, json: extra.merging(["to": status]) { $1 })
    }

    /// A valid weekly TV show in Russian with sign language, with the given fields replaced.
    static func show(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "title": ["ky": "Омбудсмен жооп берет", "ru": "Омбудсмен отвечает", "en": "The Ombudsman answers"], "format": "tv",
            "partnerOutletIds": [UUID().uuidString.lowercased()], "language": "ru", "signLanguage": true,
            "regularSlot": "FREQ=WEEKLY;BYDAY=TU",
        ]
        fields.merge(overrides) { $1 }
        return fields
    }

    /// A valid strict episode of `show`, with the given fields replaced.
    static func episode(show: String, _ overrides: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "showId": show, "theme": ["en": "Pensions for people with disabilities"], "startsAt": "2027-03-09T13:00:00Z",
            "durationMinutes": 60, "streamUrl": "https://live.example.org/ombudsman", "producer": "producer-1", "moderator": "moderator-1",
            "moderationMode": "strict",
        ]
        fields.merge(overrides) { $1 }
        return fields
    }
}

extension BroadcastsHarness {
    /// Plans an episode and moves it to `status` (`intake_open` unless told) through the main line.
    func openEpisode(_ status: String = "intake_open", _ overrides: [String: Any] = [:]) async throws -> String {
        let id = try await createEpisode(overrides)
        for next in ["announced", "intake_open", "live", "ended"] {
            let moved = try await transition(id, to: next)
            guard moved.status == .ok else { throw HarnessError("\(next) refused: \(moved.status) \(moved.text)") }
            if next == status { break }
        }
        return id
    }

    /// Sends a question to `episode` from `caller` (the public unless told) at the public desk.
    @discardableResult
    func ask(_ episode: String, _ text: String = "May my pension be cut while I work?", as caller: TestIdentity = Self.anonymous, extra: [String: Any] = [:])
        async throws -> TestResponse
    {
        try await send(.post, "/api/v1/broadcasts/questions", as: caller, json: extra.merging(["episodeId": episode, "text": text]) { $1 })
    }

    /// Sends a question and returns its receipt, failing the test's setup when it is refused.
    func askedQuestion(_ episode: String, _ text: String = "May my pension be cut while I work?", extra: [String: Any] = [:]) async throws
        -> QuestionReceiptView
    {
        let response = try await ask(episode, text, extra: extra)
        guard response.status == .created else { throw HarnessError("question refused: \(response.status) \(response.text)") }
        return try response.decoded(as: QuestionReceiptView.self)
    }
}

/// The `id` of any created object.
struct Identified: Decodable {
    let id: String
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
