import AsyncHTTPClient
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Persistence
import TestSupport
import Testing

@testable import Gateway

@Suite struct FailedAuthenticationLimitTests {
    static let allowance = 5

    @Test(arguments: TestDatabases.kinds)
    func aBurstOfBadTokensAndKeysFromOneClientIsRefusedWith429AfterTheAnonymousAllowance(kind: DatabaseKind) async throws {
        let overrides = ["gateway.rate.limit.anonymous.per.minute": String(Self.allowance)]
        try await GatewayHarness.with(kind, overrides: overrides) { gateway in
            // The bucket refills a token every 12 s while a slow machine sends these one by one, so after the
            // allowance the refusal is looked for among the next ones rather than at once.
            var statuses: [HTTPResponse.Status] = []
            for attempt in 0..<(6 * Self.allowance) where !statuses.contains(.tooManyRequests) {
                let response =
                    attempt.isMultiple(of: 2)
                    ? try await gateway.send(.get, "/api/v1/auth/me", token: "not.a.token\(attempt)")
                    : try await gateway.send(.get, "/api/v1/auth/me", apiKey: "omk_guessed\(attempt)")
                statuses.append(response.status)
                if response.status == .tooManyRequests {
                    #expect(response.problemCode == "rate_limited")
                    #expect(response.headers[.retryAfter] != nil)
                }
            }
            #expect(statuses.prefix(Self.allowance).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)

            // The public's requests from the same client spend nothing of that bucket, nor it of theirs.
            let signIn = try await gateway.login(TestConfiguration.adminEmail, TestConfiguration.adminPassword)
            #expect(signIn.status == .ok)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func badCredentialsSentAtOnceAreCheckedNoMoreThanTheAllowance(kind: DatabaseKind) async throws {
        let overrides = ["gateway.rate.limit.anonymous.per.minute": String(Self.allowance)]
        try await GatewayHarness.with(kind, overrides: overrides, setup: .live) { gateway in
            // Several connections at once (the test client has one), each key well-formed so that it is looked up
            // in the database while the others arrive.
            let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            let url = "http://127.0.0.1:\(try #require(gateway.client.port))/api/v1/auth/me"
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for attempt in 0..<(4 * Self.allowance) {
                    group.addTask {
                        var request = HTTPClientRequest(url: url)
                        request.headers.add(name: "X-API-Key", value: "omk_guess\(attempt)_wrong")
                        return try await http.execute(request, timeout: .seconds(30)).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            try await http.shutdown()
            #expect(statuses.filter { $0 == 401 }.count == Self.allowance)
            #expect(statuses.filter { $0 == 429 }.count == 3 * Self.allowance)
        }
    }

    @Test func goodCredentialsCostNothingOfTheFailedAuthenticationBucket() async throws {
        let overrides = ["gateway.rate.limit.anonymous.per.minute": String(Self.allowance)]
        try await GatewayHarness.with(overrides: overrides) { gateway in
            let token = try await gateway.adminToken()
            for _ in 0..<(3 * Self.allowance) {
                #expect(try await gateway.send(.get, "/api/v1/auth/me", token: token).status == .ok)
            }
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: "not.a.token").status == .unauthorized)
        }
    }
}
