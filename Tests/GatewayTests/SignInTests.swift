import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

@Suite struct SignInTests {
    @Test(arguments: TestDatabases.kinds)
    func anAdminSignsInRefreshesAndSignsOut(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let login = try await gateway.login(TestConfiguration.adminEmail, TestConfiguration.adminPassword)
            #expect(login.status == .ok)
            let session = try login.decoded(as: SessionView.self)
            #expect(session.expiresIn == 900)
            #expect(session.user?.roles == ["admin"])
            #expect(session.user != nil && session.user?.passwordHash == nil)
            let access = session.accessToken
            let refresh = session.refreshToken

            let me = try await gateway.send(.get, "/api/v1/auth/me", token: access)
            #expect(try me.decoded(as: UserView.self).email == TestConfiguration.adminEmail)

            let refreshed = try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(refresh)"}"#)
            #expect(refreshed.status == .ok)
            let next = try refreshed.decoded(as: SessionView.self).refreshToken
            #expect(next != refresh)

            #expect(try await gateway.send(.post, "/api/v1/auth/logout", json: #"{"refreshToken": "\#(next)"}"#).status == .noContent)
            let afterLogout = try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(next)"}"#)
            #expect(afterLogout.status == .unauthorized)
        }
    }

    @Test func unknownEmailWrongPasswordAndDisabledAccountGetTheSameAnswer() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let disabled = try await gateway.createUser(email: "gone@example.org", roles: [.verifier], token: admin)
            _ = try await gateway.send(.post, "/api/v1/users/\(disabled)/disable", token: admin)

            let unknown = try await gateway.login("nobody@example.org", "whatever password")
            let wrong = try await gateway.login(TestConfiguration.adminEmail, "not the password at all")
            let disabledLogin = try await gateway.login("gone@example.org", "a long enough password")
            for response in [unknown, wrong, disabledLogin] {
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body) == String(buffer: unknown.body))
            }
        }
    }

    @Test func repeatedFailuresFromOneClientAreThrottledWithRetryAfter() async throws {
        try await GatewayHarness.with { gateway in
            for _ in 0..<SignInThrottle.freeFailures {
                #expect(try await gateway.login(TestConfiguration.adminEmail, "wrong password!!").status == .unauthorized)
            }
            // Past the free failures each one doubles the wait, so a refusal comes soon, however slow the machine.
            var throttled: TestResponse?
            for _ in 0..<40 where throttled == nil {
                let response = try await gateway.login(TestConfiguration.adminEmail, "wrong password!!")
                if response.status == .tooManyRequests { throttled = response }
            }
            #expect(throttled?.problemCode == "too_many_attempts")
            #expect(Int(throttled?.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }

    @Test func bootstrapCreatesTheFirstAdminOnlyOnAnEmptyDirectory() async throws {
        let temporary = try await TemporaryDatabase.create(.sqlite)
        func start(email: String) async throws -> [String] {
            let gateway = try await ServiceInstance.build(
                GatewayService.definition,
                reader: TestConfiguration.reader(
                    service: "gateway", database: temporary.settings, overrides: ["openmedia.admin.email": email]
                ))
            return try await gateway.application.test(.router) { client in
                let harness = GatewayHarness(client: client)
                let token = try await harness.session(
                    TestConfiguration.adminEmail == email ? email : TestConfiguration.adminEmail,
                    TestConfiguration.adminPassword
                ).accessToken
                let users = try await harness.send(.get, "/api/v1/users", token: token)
                return try users.decoded(as: Listing<UserView>.self).items.compactMap(\.email)
            }
        }
        #expect(try await start(email: TestConfiguration.adminEmail) == [TestConfiguration.adminEmail])
        // A second start configured with another admin creates nobody: the directory is not empty.
        #expect(try await start(email: "second-admin@example.org") == [TestConfiguration.adminEmail])
        try await temporary.drop()
    }

    @Test func anEmptyDirectoryWithoutAdminSettingsStopsStartUp() async throws {
        let temporary = try await TemporaryDatabase.create(.sqlite)
        let gateway = try await ServiceInstance.build(
            GatewayService.definition,
            reader: TestConfiguration.reader(
                service: "gateway", database: temporary.settings, overrides: ["openmedia.admin.email": "", "openmedia.admin.password": ""]
            ))
        await #expect {
            try await gateway.application.test(.router) { _ in }
        } throws: { error in
            (error as? ConfigurationError)?.setting == "OPENMEDIA_ADMIN_EMAIL"
        }
        try await temporary.drop()
    }

    @Test(arguments: TestDatabases.kinds)
    func tokensAreNeverStoredByCaches(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let login = try await gateway.login(TestConfiguration.adminEmail, TestConfiguration.adminPassword)
            #expect(login.headers[.cacheControl] == "no-store")
            let refreshToken = try login.decoded(as: SessionView.self).refreshToken
            let refreshed = try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(refreshToken)"}"#)
            #expect(refreshed.status == .ok)
            #expect(refreshed.headers[.cacheControl] == "no-store")
        }
    }
}
