import Appeals
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport

/// The appeals service on a fresh database, called directly with the identity the gateway would vouch
/// for; most appeals tests need nothing more. ``AppealsThroughGateway`` puts a real gateway in front.
struct AppealsHarness {
    let service: RunningService

    /// Where the appeals service keeps its data, for inspecting raw bytes.
    var appealsDatabase: DatabaseSettings { service.settings.database }

    /// The callers most tests use.
    static let admin = TestIdentity.principal([.admin])
    static let anonymous = TestIdentity.anonymous()

    static func with<Result>(
        _ kind: DatabaseKind = .sqlite, logs: LogCapture? = nil, setup: TestingSetup = .router,
        clock: @escaping @Sendable () -> Date = { Date() },
        appeals definition: ServiceDefinition = AppealsService.definition, appealsSettings: [String: String] = [:],
        _ body: @Sendable (AppealsHarness) async throws -> Result
    ) async throws -> Result {
        try await ServiceHarness.run(definition, on: kind, settings: appealsSettings, setup: setup, clock: clock, logs: logs) { service in
            try await body(AppealsHarness(service: service))
        }
    }

    /// Sends a request as `caller` (the public unless told), with `json` as its body.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, as caller: TestIdentity = Self.anonymous,
        json: Any? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        try await service.send(method, path, as: caller, headers: Self.jsonHeaders(json, headers), body: try Self.body(json))
    }

    /// Submits an appeal as `caller` and returns its receipt; fails the test when it is refused.
    func submit(_ submission: [String: Any] = Self.submission(), as caller: TestIdentity = Self.anonymous) async throws -> Receipt {
        let response = try await send(.post, "/api/v1/appeals", as: caller, json: submission)
        guard response.status == .created else { throw HarnessError("submission refused: \(response.status) \(response.text)") }
        return try response.decoded()
    }

    /// Reads the appeal and moves it to `status` with the ETag just read.
    @discardableResult
    func transition(_ id: String, to status: String, as caller: TestIdentity = Self.admin, extra: [String: Any] = [:]) async throws -> TestResponse {
        try await change(.post, id, "/transitions", as: caller, json: extra.merging(["to": status]) { $1 })
    }

    /// Sends a change to an appeal with the ETag just read.
    @discardableResult
    func change(_ method: HTTPRequest.Method, _ id: String, _ suffix: String, as caller: TestIdentity = Self.admin, json: Any? = nil) async throws
        -> TestResponse
    {
        let current = try await send(.get, "/api/v1/appeals/\(id)", as: caller)
        return try await send(method, "/api/v1/appeals/\(id)\(suffix)", as: caller, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    /// The appeal's case file, as staff see it.
    func caseFile(_ id: String, as caller: TestIdentity = Self.admin) async throws -> CaseFile {
        try await send(.get, "/api/v1/appeals/\(id)/history", as: caller).decoded()
    }

    /// A valid submission with the given extras.
    static func submission(
        description: String = "The local school refuses to enrol my daughter.", submitter: [String: Any]? = nil,
        publication: Bool = true
    ) -> [String: Any] {
        var body: [String: Any] = [
            "channel": "web", "regionCode": "KG-N", "locality": "At-Bashy", "categoryCode": "education", "language": "ky",
            "description": description, "consent": ["contact": submitter?["phone"] != nil, "publication": publication],
        ]
        body["submitter"] = submitter
        return body
    }

    static func jsonHeaders(_ json: Any?, _ headers: HTTPFields) -> HTTPFields {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        return headers
    }

    static func body(_ json: Any?) throws -> ByteBuffer? {
        try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
