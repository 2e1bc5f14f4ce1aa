import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

/// A change of roles, organisation, email or password ends the user's sessions: access tokens are
/// refused at once, refresh tokens revoked, on every replica through the database.
@Suite struct SessionEndTests {
    @Test(arguments: TestDatabases.kinds)
    func aDemotedAdminsOldTokenIsRefusedAtOnce(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let second = try await gateway.signedInUser([.admin], adminToken: admin)
            #expect(try await gateway.send(.get, "/api/v1/users", token: second.token).status == .ok)

            #expect(try await gateway.change("/api/v1/users/\(second.id)", json: #"{"roles":["verifier"]}"#, token: admin).status == .ok)
            let refused = try await gateway.send(
                .post, "/api/v1/users", token: second.token,
                json: #"{"email":"new-admin@example.org","displayName":"N","password":"a long enough password","roles":["admin"]}"#)
            #expect(refused.status == .unauthorized)
            #expect(refused.problemCode == "invalid_token")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aPasswordChangeRevokesRefreshTokens(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let id = try await gateway.createUser(email: "changer@example.org", roles: [.verifier], token: admin)
            let old = try await gateway.session("changer@example.org", "a long enough password")

            #expect(try await gateway.change("/api/v1/users/\(id)", json: #"{"password":"another long password"}"#, token: admin).status == .ok)
            let refresh = try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(old.refreshToken)"}"#)
            #expect(refresh.status == .unauthorized)
            #expect(refresh.problemCode == "invalid_refresh_token")
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: old.accessToken).status == .unauthorized)
            // The new password starts a session that works.
            let new = try await gateway.session("changer@example.org", "another long password")
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: new.accessToken).status == .ok)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aUserMovedToAnotherOrganisationLosesTheOldSession(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let member = try await gateway.signedInUser([.journalist], adminToken: admin)
            let other = try await gateway.createOrganization(token: admin)
            let ownUsers = "/api/v1/users?organizationId=\(member.organization!)"
            #expect(try await gateway.send(.get, ownUsers, token: member.token).status == .ok)

            #expect(try await gateway.change("/api/v1/users/\(member.id)", json: #"{"organizationId":"\#(other)"}"#, token: admin).status == .ok)
            #expect(try await gateway.send(.get, ownUsers, token: member.token).problemCode == "invalid_token")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anotherReplicaRefusesTheTokenThroughTheDatabase(kind: DatabaseKind) async throws {
        let temporary = try await TemporaryDatabase.create(kind)
        func replica() async throws -> ServiceInstance {
            try await ServiceInstance.build(GatewayService.definition, reader: TestConfiguration.reader(service: "gateway", database: temporary.settings))
        }
        let first = try await replica()
        let second = try await replica()
        do {
            try await first.application.test(.router) { firstClient in
                try await second.application.test(.router) { secondClient in
                    let a = GatewayHarness(client: firstClient)
                    let b = GatewayHarness(client: secondClient)
                    let admin = try await a.adminToken()
                    let user = try await a.signedInUser([.admin], adminToken: admin)
                    #expect(try await a.change("/api/v1/users/\(user.id)", json: #"{"roles":["stakeholder"]}"#, token: admin).status == .ok)
                    // The second replica heard nothing of the change: it learns it from the database.
                    #expect(try await b.send(.get, "/api/v1/users", token: user.token).problemCode == "invalid_token")
                    #expect(try await b.send(.get, "/api/v1/users", token: admin).status == .ok)
                }
            }
            try await temporary.drop()
        } catch {
            try? await temporary.drop()
            throw error
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aReplicaTrustsAVersionOnlyForTheCacheLifetime(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let user = try await gateway.signedInUser([.verifier], adminToken: admin)
            let database = try gateway.openDatabase()
            // A replica of its own: it never hears of the change below except through the database.
            let sessions = SessionVersions(users: UserRepository(database: database))
            let now = Date()
            #expect(try await sessions.isCurrent(1, for: user.id, now: now))

            #expect(try await gateway.change("/api/v1/users/\(user.id)", json: #"{"roles":["legal_expert"]}"#, token: admin).status == .ok)
            #expect(try await sessions.isCurrent(1, for: user.id, now: now + 1))
            #expect(try await !sessions.isCurrent(1, for: user.id, now: now + SessionVersions.cacheLifetime))
            #expect(try await sessions.isCurrent(2, for: user.id, now: now + SessionVersions.cacheLifetime))
            try await database.close()
        }
    }
}

extension GatewayHarness {
    /// Reads `path` for its ETag and sends `json` to it as a `PATCH` with `If-Match`.
    func change(_ path: String, json: String, token: String) async throws -> TestResponse {
        let current = try await send(.get, path, token: token)
        return try await send(.patch, path, token: token, json: json, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }

    /// Sends `POST path/action` with the resource's current ETag in `If-Match`.
    func transition(_ path: String, _ action: String, token: String) async throws -> TestResponse {
        let current = try await send(.get, path, token: token)
        return try await send(.post, "\(path)/\(action)", token: token, headers: [.ifMatch: current.headers[.eTag] ?? ""])
    }
}

@Suite struct OrganizationRegionTests {
    @Test(arguments: TestDatabases.kinds)
    func aCouncilMovedToAnotherRegionGetsTokensThatSaySo(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let council = try await gateway.createOrganization(type: "public_council", region: "KG-C", token: admin)
            try await gateway.createUser(email: "council@example.org", roles: [.councilMember], organization: council, token: admin)
            let old = try await gateway.session("council@example.org", "a long enough password")

            #expect(try await gateway.change("/api/v1/organizations/\(council)", json: #"{"regionCode":"KG-B"}"#, token: admin).status == .ok)
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: old.accessToken).problemCode == "invalid_token")
            // The refresh token still works and brings a token for the new region.
            let refreshed = try await gateway.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(old.refreshToken)"}"#)
            let token = try refreshed.decoded(as: SessionView.self).accessToken
            let payload = try #require(Data(base64URLEncoded: String(token.split(separator: ".")[1])))
            #expect((try JSONSerialization.jsonObject(with: payload) as? [String: Any])?["orgRegion"] as? String == "KG-B")
            #expect(try await gateway.send(.get, "/api/v1/auth/me", token: token).status == .ok)
        }
    }
}
