import Appeals
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import ServiceKit
import TestSupport

/// The appeals service on a real port behind a real gateway, both on fresh databases: for the tests whose
/// subject is the contract between them (sign-in, API keys, route policy, forwarding), which go through
/// the gateway exactly as clients do.
struct AppealsThroughGateway {
    let client: any TestClientProtocol
    /// The appeals service itself, for internal routes the gateway does not forward.
    let service: RunningService

    static func with<Result>(
        _ kind: DatabaseKind = .sqlite, logs: LogCapture? = nil, gateway setup: TestingSetup = .router,
        gatewaySettings: [String: String] = [:], _ body: @Sendable (AppealsThroughGateway) async throws -> Result
    ) async throws -> Result {
        try await ServiceHarness.run(AppealsService.definition, on: kind, setup: .live, logs: logs) { appeals in
            try await ServiceHarness.runGateway(
                GatewayService.definition, inFrontOf: [appeals], on: kind, settings: gatewaySettings, setup: setup, logs: logs
            ) { gateway in
                try await body(AppealsThroughGateway(client: gateway.client, service: appeals))
            }
        }
    }

    /// Sends a request through the gateway.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, apiKey: String? = nil,
        json: Any? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = AppealsHarness.jsonHeaders(json, extra)
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let apiKey { headers[HTTPField.Name("X-API-Key")!] = apiKey }
        return try await client.execute(uri: path, method: method, headers: headers, body: try AppealsHarness.body(json))
    }

    /// Signs in and returns an access token.
    func token(_ email: String = TestConfiguration.adminEmail, _ password: String = TestConfiguration.adminPassword) async throws -> String {
        let response = try await send(.post, "/api/v1/auth/login", json: ["email": email, "password": password])
        guard response.status == .ok else { throw HarnessError("sign-in failed: \(response.text)") }
        return try response.decoded(as: Session.self).accessToken
    }

    /// Creates a user through the gateway and returns (token, user ID).
    func user(_ roles: [String], organization: String? = nil, admin: String) async throws -> (token: String, id: String) {
        let email = "u-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        var fields: [String: Any] = ["email": email, "displayName": "U", "password": "a long enough password", "roles": roles]
        fields["organizationId"] = organization
        let created = try await send(.post, "/api/v1/users", token: admin, json: fields)
        guard created.status == .created else { throw HarnessError("user creation failed: \(created.text)") }
        return (try await token(email, "a long enough password"), try created.decoded(as: Created.self).id.lowercased())
    }

    /// Creates an organisation (a CSO unless told) and returns its ID.
    func organization(admin: String, fields: [String: Any] = ["type": "cso", "name": ["en": "CSO \(UUID().uuidString.prefix(4))"]]) async throws -> String {
        let created = try await send(.post, "/api/v1/organizations", token: admin, json: fields)
        guard created.status == .created else { throw HarnessError("organisation creation failed: \(created.text)") }
        return try created.decoded(as: Created.self).id
    }

    /// Creates an API key of `organization` for appeals and returns the key.
    func apiKey(for organization: String, admin: String) async throws -> String {
        let created = try await send(
            .post, "/api/v1/api-keys", token: admin,
            json: [
                "organizationId": organization, "name": "intake", "scopes": ["appeals:read", "appeals:write"],
            ])
        guard created.status == .created else { throw HarnessError("API key creation failed: \(created.text)") }
        return try created.decoded(as: CreatedKey.self).key
    }

    /// Reads the appeal and moves it to `status` with the ETag just read.
    @discardableResult
    func transition(_ id: String, to status: String, token: String, extra: [String: Any] = [:]) async throws -> TestResponse {
        try await change(.post, id, "/transitions", token: token, json: extra.merging(["to": status]) { $1 })
    }

    /// Sends a change to an appeal with the ETag just read.
    @discardableResult
    func change(_ method: HTTPRequest.Method, _ id: String, _ suffix: String, token: String, json: Any? = nil) async throws -> TestResponse {
        let current = try await send(.get, "/api/v1/appeals/\(id)", token: token)
        return try await send(method, "/api/v1/appeals/\(id)\(suffix)", token: token, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    struct Session: Decodable { let accessToken: String }
    struct Created: Decodable { let id: String }
    struct CreatedKey: Decodable { let key: String }
}
