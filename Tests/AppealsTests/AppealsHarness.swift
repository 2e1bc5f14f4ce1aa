import Appeals
import Foundation
import Gateway
import Logging
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import ServiceKit
import TestSupport

/// The appeals service on a real port behind a real gateway, both on fresh databases: tests go through
/// the gateway exactly as clients do.
struct AppealsHarness {
    let client: any TestClientProtocol
    /// The appeals service itself, for internal routes the gateway does not forward.
    let service: any TestClientProtocol
    /// Where the appeals service keeps its data, for inspecting raw bytes.
    let appealsDatabase: DatabaseSettings

    static func with<Result>(
        _ kind: DatabaseKind = .sqlite, logs: LogCapture? = nil, gateway setup: TestingSetup = .router,
        gatewaySettings: [String: String] = [:], clock: @escaping @Sendable () -> Date = { Date() },
        appeals definition: ServiceDefinition = AppealsService.definition, appealsSettings: [String: String] = [:],
        _ body: @Sendable @escaping (AppealsHarness) async throws -> Result
    ) async throws -> Result {
        let logOverrides: [String: String] = logs == nil ? [:] : ["log.level": "trace"]
        let logHandler: (@Sendable (String) -> any LogHandler)? = if let logs { { label in logs.handler(label: label) } } else { nil }
        let appealsDatabase = try await TemporaryDatabase.create(kind)
        let gatewayDatabase = try await TemporaryDatabase.create(kind)
        do {
            let appeals = try await ServiceInstance.build(
                definition,
                reader: TestConfiguration.reader(
                    for: definition, database: appealsDatabase.settings, overrides: logOverrides.merging(appealsSettings) { $1 }
                ),
                logHandler: logHandler, clock: clock
            )
            let result = try await appeals.application.test(.live) { appealsClient in
                let gateway = try await ServiceInstance.build(GatewayService.definition, reader: TestConfiguration.reader(
                    service: "gateway", database: gatewayDatabase.settings,
                    overrides: logOverrides.merging(gatewaySettings) { $1 }.merging(["services.appeals.url": "http://127.0.0.1:\(appealsClient.port!)"]) { $1 }
                ), logHandler: logHandler)
                return try await gateway.application.test(setup) { client in
                    try await body(AppealsHarness(client: client, service: appealsClient, appealsDatabase: Self.serviceFile(appealsDatabase.settings)))
                }
            }
            try await appealsDatabase.drop()
            try await gatewayDatabase.drop()
            return result
        } catch {
            try? await appealsDatabase.drop()
            try? await gatewayDatabase.drop()
            throw error
        }
    }

    static func serviceFile(_ settings: DatabaseSettings) -> DatabaseSettings {
        guard case .sqlite(let path) = settings else { return settings }
        return .sqlite(path: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("appeals.sqlite").path)
    }

    /// Sends a request through the gateway.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, apiKey: String? = nil,
        json: Any? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let apiKey { headers[HTTPField.Name("X-API-Key")!] = apiKey }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
        }
        return try await client.execute(uri: path, method: method, headers: headers, body: body)
    }

    /// Signs in and returns an access token.
    func token(_ email: String = TestConfiguration.adminEmail, _ password: String = TestConfiguration.adminPassword) async throws -> String {
        let response = try await send(.post, "/api/v1/auth/login", json: ["email": email, "password": password])
        guard let token = response.json?["accessToken"] as? String else { throw HarnessError("sign-in failed: \(String(buffer: response.body))") }
        return token
    }

    /// Creates a user through the gateway and returns (token, user ID).
    func user(_ roles: [String], organization: String? = nil, admin: String) async throws -> (token: String, id: String) {
        let email = "u-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        var fields: [String: Any] = ["email": email, "displayName": "U", "password": "a long enough password", "roles": roles]
        fields["organizationId"] = organization
        let created = try await send(.post, "/api/v1/users", token: admin, json: fields)
        guard let id = created.json?["id"] as? String else { throw HarnessError("user creation failed: \(String(buffer: created.body))") }
        return (try await token(email, "a long enough password"), id.lowercased())
    }

    /// Creates an organisation and returns its ID.
    func organization(admin: String) async throws -> String {
        let created = try await send(.post, "/api/v1/organizations", token: admin, json: ["type": "cso", "name": ["en": "CSO \(UUID().uuidString.prefix(4))"]])
        guard let id = created.json?["id"] as? String else { throw HarnessError("organisation creation failed") }
        return id
    }

    /// A valid submission with the given extras.
    static func submission(description: String = "The local school refuses to enrol my daughter.", submitter: [String: Any]? = nil,
                           publication: Bool = true) -> [String: Any] {
        var body: [String: Any] = [
            "channel": "web", "regionCode": "KG-N", "locality": "At-Bashy", "categoryCode": "education", "language": "ky",
            "description": description, "consent": ["contact": submitter?["phone"] != nil, "publication": publication],
        ]
        body["submitter"] = submitter
        return body
    }

    /// Reads the appeal and moves it to `status` with the ETag just read.
    @discardableResult
    func transition(_ id: String, to status: String, token: String, extra: [String: Any] = [:]) async throws -> TestResponse {
        let current = try await send(.get, "/api/v1/appeals/\(id)", token: token)
        return try await send(.post, "/api/v1/appeals/\(id)/transitions", token: token,
                              json: extra.merging(["to": status]) { $1 }, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    /// Sends a change to an appeal with the ETag just read.
    @discardableResult
    func change(_ method: HTTPRequest.Method, _ id: String, _ suffix: String, token: String, json: Any? = nil) async throws -> TestResponse {
        let current = try await send(.get, "/api/v1/appeals/\(id)", token: token)
        return try await send(method, "/api/v1/appeals/\(id)\(suffix)", token: token, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestResponse {
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] }
}
