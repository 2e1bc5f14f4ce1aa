import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

/// A gateway on a fresh database, driven in-process, with helpers per endpoint.
struct GatewayHarness {
    let client: any TestClientProtocol
    /// Where the gateway keeps its data, for tests that drive a repository directly (with an injected time).
    var databaseSettings: DatabaseSettings?

    /// Builds a gateway on a new database of `kind` and runs `body` against it.
    static func with<Result>(
        _ kind: DatabaseKind = .sqlite, overrides: [String: String] = [:], setup: TestingSetup = .router,
        _ body: @Sendable (GatewayHarness) async throws -> Result
    ) async throws -> Result {
        try await ServiceHarness.run(GatewayService.definition, on: kind, settings: overrides, setup: setup) { gateway in
            try await body(GatewayHarness(client: gateway.client, databaseSettings: gateway.settings.database))
        }
    }

    /// Opens a pool on the gateway's database; close it before the test ends.
    func openDatabase() throws -> Database {
        try Database.open(try #require(databaseSettings), logger: Logger(label: "test-database"))
    }

    /// Sends a request with optional bearer token, API key and JSON body.
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, apiKey: String? = nil,
        json: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let apiKey { headers[HTTPField.Name("X-API-Key")!] = apiKey }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Signs in and returns the response; `headers` may name the client (`X-Forwarded-For`).
    func login(_ email: String, _ password: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.post, "/api/v1/auth/login", json: Self.object(["email": email, "password": password]), headers: headers)
    }

    /// Signs in and returns the session's tokens; fails the test when sign-in fails.
    func session(_ email: String, _ password: String) async throws -> (accessToken: String, refreshToken: String) {
        let response = try await login(email, password)
        guard response.status == .ok else { throw HarnessError("sign-in as \(email) failed: \(response.status) \(response.text)") }
        let session = try response.decoded(as: SessionView.self)
        return (session.accessToken, session.refreshToken)
    }

    /// The bootstrap admin's access token.
    func adminToken() async throws -> String {
        try await session(TestConfiguration.adminEmail, TestConfiguration.adminPassword).accessToken
    }

    /// Creates an organisation as `token` and returns its ID.
    func createOrganization(type: String = "cso", region: String? = nil, token: String) async throws -> UUID {
        var fields: [String: Any] = ["type": type, "name": ["en": "Org \(UUID().uuidString.prefix(6))"]]
        fields["regionCode"] = region
        let response = try await send(.post, "/api/v1/organizations", token: token, json: Self.object(fields))
        guard response.status == .created else {
            throw HarnessError("creating an organisation failed: \(response.status) \(response.text)")
        }
        return try response.decoded(as: Created.self).id
    }

    /// Creates a user as `token` and returns their ID.
    @discardableResult
    func createUser(email: String, password: String = "a long enough password", roles: [Role], organization: UUID? = nil, token: String) async throws -> UUID {
        var fields: [String: Any] = ["email": email, "displayName": "Test \(email)", "password": password, "roles": roles.map(\.rawValue)]
        fields["organizationId"] = organization?.uuidString
        let response = try await send(.post, "/api/v1/users", token: token, json: Self.object(fields))
        guard response.status == .created else {
            throw HarnessError("creating \(email) failed: \(response.status) \(response.text)")
        }
        return try response.decoded(as: Created.self).id
    }

    /// A signed-in user with `roles` (in a new organisation when a role needs one); returns their token.
    func signedInUser(_ roles: [Role], organization: UUID? = nil, adminToken: String) async throws -> (token: String, id: UUID, organization: UUID?) {
        let needsOrganization = !Set(roles).isDisjoint(with: User.organizationScopedRoles)
        let organizationID: UUID? =
            if let organization { organization } else if needsOrganization { try await createOrganization(token: adminToken) } else { nil }
        let email = "user-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let id = try await createUser(email: email, roles: roles, organization: organizationID, token: adminToken)
        return (try await session(email, "a long enough password").accessToken, id, organizationID)
    }

    /// The audit entries, newest first.
    func auditEntries(adminToken: String, query: String = "") async throws -> [AuditEntry] {
        try await send(.get, "/api/v1/audit?limit=200\(query)", token: adminToken).decoded(as: Listing<AuditEntry>.self).items
    }

    /// The answer to a creating request.
    struct Created: Decodable {
        let id: UUID
    }

    static func object(_ fields: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
