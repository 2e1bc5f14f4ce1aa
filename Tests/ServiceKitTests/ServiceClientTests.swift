import Foundation
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Persistence
import ServiceKit
import TestSupport
import Testing

@Suite struct ServiceClientTests {
    /// Runs `body` with a client that calls the live test service as `caller`.
    func withLiveService(as caller: String = "grants", _ body: @Sendable @escaping (ServiceClient, TestService.Executions) async throws -> Void) async throws {
        try await TestService.with(.sqlite, setup: .live) { service, executions in
            let testClient = service.client
            let client = ServiceClient(
                signer: await TestIdentities.serviceSigner(caller),
                serviceURLs: [TestService.name: URL(string: "http://127.0.0.1:\(testClient.port!)")!]
            )
            do {
                try await body(client, executions)
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    @Test func callsCarryTheCallersIdentityAndTheCurrentRequestID() async throws {
        try await withLiveService { client, _ in
            let response = try await RequestID.$current.withValue("outer-request-7") {
                try await client.send(.GET, to: TestService.name, path: "/internal/flaky")
            }
            #expect(response.status == .ok)
            #expect(response.headers["X-Seen-Request-ID"].first == "outer-request-7")
            #expect(response.headers[RequestID.headerName].first == "outer-request-7")

            struct Caller: Decodable { let caller: String }
            let ping = try await client.send(.GET, to: TestService.name, path: "/internal/ping")
            #expect(try ping.decode(as: Caller.self).caller == "grants")
        }
    }

    @Test func idempotentRequestsAreRetriedOnUnavailability() async throws {
        try await withLiveService { client, executions in
            let response = try await client.send(.GET, to: TestService.name, path: "/internal/flaky?failures=2")
            #expect(response.status == .ok)
            #expect(executions.count("flaky GET") == 3)
        }
    }

    @Test func postsAreNeverRetried() async throws {
        try await withLiveService { client, executions in
            let response = try await client.send(.POST, to: TestService.name, path: "/internal/flaky?failures=1")
            #expect(response.status == .serviceUnavailable)
            #expect(executions.count("flaky POST") == 1)
        }
    }

    @Test func aStoppedServiceIsReportedAsUnreachable() async throws {
        let client = ServiceClient(
            signer: await TestIdentities.serviceSigner("grants"),
            serviceURLs: ["appeals": URL(string: "http://127.0.0.1:1")!]
        )
        await #expect {
            try await client.send(.GET, to: "appeals", path: "/internal/ping")
        } throws: { error in
            if case .unreachable(service: "appeals", _) = error as? ServiceClientError { true } else { false }
        }
        await #expect(throws: ServiceClientError.unknownService("nowhere")) {
            try await client.send(.GET, to: "nowhere", path: "/")
        }
        try await client.shutdown()
    }
}
