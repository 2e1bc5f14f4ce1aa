import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import Synchronization
import TestSupport

/// A service built with the kit and a few routes that exercise it: a creating POST with validation
/// and idempotency, an internal route for one caller, a flaky route, and a route that fails.
struct TestService {
    static let name = "appeals"

    /// How many times each route's handler ran.
    final class Executions: Sendable {
        private let counts = Mutex([String: Int]())

        func record(_ route: String) -> Int {
            counts.withLock { counts in
                counts[route, default: 0] += 1
                return counts[route]!
            }
        }

        func count(_ route: String) -> Int { counts.withLock { $0[route, default: 0] } }
    }

    struct NewNote: Decodable {
        let title: String
        let region: Region
        let summary: LocalizedText?
        let dueAt: Date?
    }

    struct Note: ResponseEncodable {
        let id: UUID
        let title: String
        let region: Region
    }

    struct Caller: ResponseEncodable {
        let caller: String
    }

    static func definition(executions: Executions) -> ServiceDefinition {
        ServiceDefinition(service: PlatformService(name: name), migrations: [ReferenceDataMigrations.regions]) { router, dependencies in
            router.group("/api/v1/notes")
                .add(middleware: dependencies.idempotency)
                .post { request, context -> EditedResponse<Note> in
                    let note = try await request.decodeJSON(as: NewNote.self, context: context)
                    guard (1...100).contains(note.title.count) else {
                        throw ServiceError.validationFailed(["title": "must be 1 to 100 characters"])
                    }
                    _ = executions.record("notes")
                    if let delay = request.uri.queryParameters["delayMilliseconds"].flatMap({ Int($0) }) {
                        try await Task.sleep(for: .milliseconds(delay))
                    }
                    return EditedResponse(status: .created, response: Note(id: .v7(), title: note.title, region: note.region))
                }
            // A creating POST whose answer carries a secret shown once, like a tracking code or an API key.
            router.group("/api/v1/secrets")
                .add(middleware: dependencies.idempotency)
                .post { request, context -> Response in
                    _ = try await request.decodeJSON(as: NewNote.self, context: context)
                    _ = executions.record("secrets")
                    struct Created: Encodable {
                        let id: UUID
                        let secret: String
                    }
                    return try .json(Created(id: .v7(), secret: "SECRET-\(UUID().uuidString)"), status: .created).withSecretFields(["secret"])
                }
            router.get("/api/v1/notes/{id}") { _, context -> Note in
                let id = try context.parameters.require("id", as: UUID.self)
                return Note(id: id, title: "note", region: .naryn)
            }
            router.get("/api/v1/boom") { _, _ -> Caller in
                struct DatabaseExploded: Error, CustomStringConvertible {
                    var description: String { "SELECT secret FROM appellants" }
                }
                throw DatabaseExploded()
            }
            router.group("/internal")
                .add(middleware: AllowedCallersMiddleware(["grants"]))
                .get("ping") { _, context -> Caller in
                    guard case .service(let name) = context.identity else { throw ServiceError.callerNotAllowed }
                    return Caller(caller: name)
                }
                .on("flaky", method: .get, use: flaky)
                .on("flaky", method: .post, use: flaky)

            @Sendable func flaky(_ request: Request, _ context: ServiceRequestContext) async throws -> Response {
                let attempt = executions.record("flaky \(request.method.rawValue)")
                let failures = request.uri.queryParameters["failures"].flatMap { Int($0) } ?? 0
                var headers = HTTPFields()
                headers[.init("X-Seen-Request-ID")!] = RequestID.current ?? ""
                return Response(status: attempt <= failures ? .serviceUnavailable : .ok, headers: headers)
            }
        }
    }

    /// Starts the test service on a fresh database of `kind` and runs `body` with it.
    static func with<Result>(
        _ kind: DatabaseKind,
        overrides: [String: String] = [:],
        setup: TestingSetup = .router,
        _ body: @Sendable (RunningService, Executions) async throws -> Result
    ) async throws -> Result {
        let executions = Executions()
        return try await ServiceHarness.run(definition(executions: executions), on: kind, settings: overrides, setup: setup) { service in
            try await body(service, executions)
        }
    }
}

extension TestClientProtocol {
    /// Sends a request with a gateway assertion for `identity` (or none when `nil`), from `clientKey`.
    func execute(
        _ uri: String,
        method: HTTPRequest.Method = .get,
        as identity: Identity?,
        clientKey: String? = nil,
        headers: HTTPFields = [:],
        json: String? = nil
    ) async throws -> TestResponse {
        var headers = headers
        if let identity {
            headers[.identityAssertion] = try await TestIdentities.gatewaySigner().assertion(for: identity, audience: TestService.name, clientKey: clientKey)
        }
        if json != nil {
            headers[.contentType] = "application/json"
        }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var json: [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
    }
}

extension HTTPField.Name {
    static let identityAssertion = HTTPField.Name(IdentityAssertion.headerName)!
    static let requestID = HTTPField.Name(RequestID.headerName)!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
