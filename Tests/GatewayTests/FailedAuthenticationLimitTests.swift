import HTTPTypes
import HummingbirdTesting
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
            var statuses: [HTTPResponse.Status] = []
            for attempt in 0..<(2 * Self.allowance) {
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
            #expect(statuses.dropFirst(Self.allowance).allSatisfy { $0 == .tooManyRequests })

            // The public's requests from the same client spend nothing of that bucket, nor it of theirs.
            let signIn = try await gateway.login(TestConfiguration.adminEmail, TestConfiguration.adminPassword)
            #expect(signIn.status == .ok)
        }
    }
}
