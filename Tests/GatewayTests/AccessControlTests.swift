import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import TestSupport
import Testing

@testable import Gateway

@Suite struct AccessControlTests {
    /// Routes only admins may use, with a body that would otherwise be valid.
    static func adminRoutes(user: UUID) -> [(HTTPRequest.Method, String, String?)] {
        [
            (.post, "/api/v1/users", #"{"email":"x@example.org","displayName":"X","password":"a long enough password","roles":["verifier"]}"#),
            (.patch, "/api/v1/users/\(user)", #"{"roles":["admin"]}"#),
            (.post, "/api/v1/users/\(user)/disable", nil),
            (.post, "/api/v1/users/\(user)/enable", nil),
            (.get, "/api/v1/audit", nil),
        ]
    }

    static let nonAdminRoles = Role.allCases.filter { $0 != .admin }

    @Test func everyAdminRouteRefusesEveryOtherRoleAndThePublic() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let target = try await gateway.createUser(email: "target@example.org", roles: [.verifier], token: admin)
            for role in Self.nonAdminRoles {
                let caller = try await gateway.signedInUser([role], adminToken: admin)
                for (method, path, body) in Self.adminRoutes(user: target) {
                    let headers: HTTPFields = method == .patch ? [.ifMatch: "\"1\""] : [:]
                    let response = try await gateway.send(method, path, token: caller.token, json: body, headers: headers)
                    #expect(response.status == .forbidden, "\(role) reached \(method) \(path)")
                }
            }
            for (method, path, body) in Self.adminRoutes(user: target) {
                let response = try await gateway.send(method, path, json: body)
                #expect(response.status == .unauthorized, "the public reached \(method) \(path)")
                #expect(response.problemCode == "authentication_required")
            }
            // Nothing changed: the target is still a verifier and enabled.
            let user = try await gateway.send(.get, "/api/v1/users/\(target)", token: admin)
            let unchanged = try user.decoded(as: UserView.self)
            #expect(unchanged.roles == ["verifier"])
            #expect(unchanged.isDisabled == false)
        }
    }

    @Test func organisationsAreManagedByAdminsAndCoordinatorsOnly() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let coordinator = try await gateway.signedInUser([.coordinator], adminToken: admin)
            _ = try await gateway.createOrganization(token: coordinator.token)
            for role in Self.nonAdminRoles where role != .coordinator {
                let caller = try await gateway.signedInUser([role], adminToken: admin)
                let response = try await gateway.send(.post, "/api/v1/organizations", token: caller.token, json: #"{"type":"cso","name":{"en":"X"}}"#)
                #expect(response.status == .forbidden, "\(role) created an organisation")
            }
        }
    }

    @Test func aCouncilMemberSeesOnlyTheirOwnCouncilsUsers() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let councilA = try await gateway.createOrganization(type: "public_council", region: "KG-N", token: admin)
            let councilB = try await gateway.createOrganization(type: "public_council", region: "KG-T", token: admin)
            let member = try await gateway.signedInUser([.councilMember], organization: councilA, adminToken: admin)
            let neighbour = try await gateway.createUser(email: "neighbour@example.org", roles: [.councilMember], organization: councilB, token: admin)

            let own = try await gateway.send(.get, "/api/v1/users", token: member.token)
            let organizations = try own.decoded(as: Listing<UserView>.self).items.compactMap(\.organizationId)
            #expect(Set(organizations) == [councilA])
            #expect(try await gateway.send(.get, "/api/v1/users?organizationId=\(councilB)", token: member.token).status == .forbidden)
            #expect(try await gateway.send(.get, "/api/v1/users/\(neighbour)", token: member.token).status == .notFound)
            #expect(try await gateway.send(.get, "/api/v1/users/\(member.id)", token: member.token).status == .ok)
        }
    }

    @Test func aCSOCannotSeeOrChangeAnotherOrganisationsKeys() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let partner = try await gateway.signedInUser([.csoPartner], adminToken: admin)
            let otherOrganization = try await gateway.createOrganization(token: admin)
            let otherKey = try await gateway.send(
                .post, "/api/v1/api-keys", token: admin,
                json: #"{"organizationId":"\#(otherOrganization)","name":"theirs","scopes":["appeals:read"]}"#)
            let otherKeyID = try otherKey.decoded(as: CreatedAPIKey.self).apiKey.id

            let create = try await gateway.send(
                .post, "/api/v1/api-keys", token: partner.token,
                json: #"{"organizationId":"\#(otherOrganization)","name":"mine now","scopes":["appeals:read"]}"#)
            #expect(create.status == .forbidden)
            #expect(try await gateway.send(.get, "/api/v1/api-keys?organizationId=\(otherOrganization)", token: partner.token).status == .forbidden)
            #expect(try await gateway.send(.delete, "/api/v1/api-keys/\(otherKeyID)", token: partner.token).status == .notFound)

            let own = try await gateway.send(
                .post, "/api/v1/api-keys", token: partner.token,
                json: #"{"organizationId":"\#(partner.organization!)","name":"ours","scopes":["appeals:read"]}"#)
            #expect(own.status == .created)
            let listed = try await gateway.send(.get, "/api/v1/api-keys", token: partner.token)
            #expect(try listed.decoded(as: Listing<APIKeyView>.self).items.count == 1)
            // The other organisation's key still authenticates: it was not revoked.
            let theirs = try #require(try otherKey.decoded(as: CreatedAPIKey.self).key)
            #expect(try await gateway.send(.get, "/api/v1/appeals/published", apiKey: theirs).status != .unauthorized)
        }
    }

    @Test func theAPIKeyFormFieldCountsOnlyOnOpen311Intake() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let organization = try await gateway.createOrganization(token: admin)
            let created = try await gateway.send(
                .post, "/api/v1/api-keys", token: admin,
                json: #"{"organizationId":"\#(organization)","name":"reader","scopes":["appeals:read"]}"#)
            let key = try #require(try created.decoded(as: CreatedAPIKey.self).key)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            // Elsewhere a form's api_key is just a field: the caller stays anonymous and is asked to sign in.
            let elsewhere = try await gateway.client.execute(uri: "/api/v1/users", method: .post, headers: form, body: ByteBuffer(string: "api_key=\(key)"))
            #expect(elsewhere.problemCode == "authentication_required")
            // On Open311 intake it authenticates: this key's scope does not cover writing appeals.
            let intake = try await gateway.client.execute(
                uri: "/open311/v2/requests.xml", method: .post, headers: form, body: ByteBuffer(string: "service_code=x&api_key=\(key)"))
            #expect(intake.problemCode == "insufficient_scope")
            #expect(Open311FormKey.value(of: "api_key", inForm: "a=1&api_key=omk_a%2Bb+c&api_key=second") == "omk_a+b c")
            // The service gets the form without the key: the gateway forwards no caller's secret.
            #expect(Open311FormKey.removing("api_key", fromForm: "a=1&api_key=omk_x&b=2&api_key=y&api_keys=3") == "a=1&b=2&api_keys=3")
        }
    }

    @Test func apiKeysReachOnlyTheServicesTheirScopesName() async throws {
        try await GatewayHarness.with { gateway in
            let admin = try await gateway.adminToken()
            let organization = try await gateway.createOrganization(token: admin)
            let created = try await gateway.send(
                .post, "/api/v1/api-keys", token: admin,
                json: #"{"organizationId":"\#(organization)","name":"reader","scopes":["appeals:read"]}"#)
            let key = try #require(try created.decoded(as: CreatedAPIKey.self).key)
            #expect(key.hasPrefix("omk_"))

            #expect(try await gateway.send(.get, "/api/v1/users", apiKey: key).problemCode == "insufficient_scope")
            #expect(try await gateway.send(.post, "/api/v1/api-keys", apiKey: key, json: "{}").problemCode == "insufficient_scope")
            let key2 = AccessControlTests.scoped(["appeals:read"])
            #expect(key2.allows(method: "GET", path: "/api/v1/appeals/published"))
            #expect(key2.allows(method: "GET", path: "/open311/v2/requests.json"))
            #expect(!key2.allows(method: "POST", path: "/api/v1/appeals"))
            #expect(!key2.allows(method: "GET", path: "/api/v1/grants/calls"))

            // The secret is shown once: listing never returns it.
            let listed = try await gateway.send(.get, "/api/v1/api-keys?organizationId=\(organization)", token: admin)
            #expect(!String(buffer: listed.body).contains(key))

            let id = try created.decoded(as: CreatedAPIKey.self).apiKey.id
            #expect(try await gateway.send(.delete, "/api/v1/api-keys/\(id)", token: admin).status == .noContent)
            #expect(try await gateway.send(.get, "/api/v1/appeals/published", apiKey: key).problemCode == "invalid_api_key")
        }
    }

    static func scoped(_ scopes: [String]) -> APIKey {
        APIKey(
            id: UUID(), organizationId: UUID(), name: "k", prefix: "p", scopes: scopes.compactMap(APIKey.Scope.init(rawValue:)),
            createdBy: "t", createdAt: Date(), lastUsedAt: nil, revokedAt: nil)
    }
}
