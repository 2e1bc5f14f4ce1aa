import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@Suite struct IdempotencyTests {
    static let body = #"{"title": "Water cut in Naryn", "region": "KG-N"}"#

    func post(_ client: some TestClientProtocol, key: String?, as identity: Identity, body: String = body, delay: Int = 0) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.idempotencyKey] = key
        return try await client.execute("/api/v1/notes?delayMilliseconds=\(delay)", method: .post, as: identity, headers: headers, json: body)
    }

    @Test(arguments: TestDatabases.kinds)
    func aRetryReplaysTheFirstResponseWithoutRunningAgain(kind: DatabaseKind) async throws {
        let caller = TestIdentities.staff()
        try await TestService.with(kind) { service, executions in
            let client = service.client
            let first = try await post(client, key: "key-1", as: caller)
            let retry = try await post(client, key: "key-1", as: caller)
            #expect(first.status == .created)
            #expect(retry.status == .created)
            #expect(String(buffer: retry.body) == String(buffer: first.body))
            #expect(retry.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(executions.count("notes") == 1)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theSameKeyWithAnotherBodyIs422(kind: DatabaseKind) async throws {
        let caller = TestIdentities.staff()
        try await TestService.with(kind) { service, executions in
            let client = service.client
            _ = try await post(client, key: "key-2", as: caller)
            let reused = try await post(client, key: "key-2", as: caller, body: #"{"title": "Other", "region": "KG-N"}"#)
            #expect(reused.status == .unprocessableContent)
            #expect(reused.problem?.code == "idempotency_key_reused")
            #expect(executions.count("notes") == 1)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func concurrentRequestsWithOneKeyExecuteExactlyOnce(kind: DatabaseKind) async throws {
        let caller = TestIdentities.staff()
        try await TestService.with(kind) { service, executions in
            let client = service.client
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await post(client, key: "key-3", as: caller, delay: 1000).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(executions.count("notes") == 1)
            #expect(statuses.filter { $0 == .created }.count >= 1)
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict })
            #expect(statuses.contains(.conflict))
        }
    }

    @Test func keysAreScopedToTheCaller() async throws {
        try await TestService.with(.sqlite) { service, executions in
            let client = service.client
            _ = try await post(client, key: "shared", as: TestIdentities.staff())
            let other = try await post(client, key: "shared", as: TestIdentities.staff())
            #expect(other.status == .created)
            #expect(other.headers[.init("Idempotent-Replayed")!] == nil)
            #expect(executions.count("notes") == 2)
        }
    }

    @Test func aFailedRequestReleasesItsKey() async throws {
        let caller = TestIdentities.staff()
        try await TestService.with(.sqlite) { service, executions in
            let client = service.client
            let invalid = try await post(client, key: "key-4", as: caller, body: #"{"title": "", "region": "KG-N"}"#)
            #expect(invalid.status == .unprocessableContent)
            let fixed = try await post(client, key: "key-4", as: caller, body: #"{"title": "", "region": "KG-N"}"#)
            #expect(fixed.status == .unprocessableContent)
            #expect(fixed.problem?.code == "validation_failed")
            #expect(executions.count("notes") == 0)
            let valid = try await post(client, key: "key-5", as: caller)
            #expect(valid.status == .created)
        }
    }

    @Test func withoutAKeyEveryRequestRuns() async throws {
        let caller = TestIdentities.staff()
        try await TestService.with(.sqlite) { service, executions in
            let client = service.client
            _ = try await post(client, key: nil, as: caller)
            _ = try await post(client, key: nil, as: caller)
            #expect(executions.count("notes") == 2)
        }
    }
}
