import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

@Suite struct ProxyPolicyTests {
    @Test func thePublicIsAskedToSignInBeforeTheServiceSeesAnything() async throws {
        try await TestGateway.withGateway { client, recorder in
            for uri in ["/api/v1/appeals/0192", "/api/v1/media/partners", "/api/v1/knowledge/manuals", "/api/v1/grants"] {
                let response = try await client.send(uri)
                #expect(response.status == .unauthorized, "\(uri)")
                #expect(response.problemCode == "authentication_required", "\(uri)")
            }
            let write = try await client.send("/api/v1/media/outlets", method: .post, body: ByteBuffer(string: "{}"))
            #expect(write.status == .unauthorized)
            #expect(recorder.count == 0)
        }
    }

    @Test func aSignedInCallerWithoutTheRoleIsForbiddenBeforeTheServiceSeesAnything() async throws {
        try await TestGateway.withGateway { client, recorder in
            // Appeal statistics are for staff and stakeholders only.
            let response = try await client.send("/api/v1/appeals/stats", as: "journalist-1:journalist")
            #expect(response.status == .forbidden)
            #expect(response.problemCode == "forbidden")
            let apiKey = try await client.send("/api/v1/appeals/stats", as: "apikey:cso-3:cso_partner")
            #expect(apiKey.status == .forbidden)
            #expect(recorder.count == 0)

            let stakeholder = try await client.send("/api/v1/appeals/stats", as: "stakeholder-1:stakeholder")
            #expect(stakeholder.status == .ok)
            #expect(recorder.count == 1)
        }
    }

    @Test func citizensMaySubmitTrackAndReadPublishedAppealsAndUseOpen311() async throws {
        try await TestGateway.withGateway { client, recorder in
            let submitted = try await client.send("/api/v1/appeals", method: .post, body: ByteBuffer(string: "{}"))
            #expect(submitted.status == .ok)
            for uri in [
                "/api/v1/appeals/track/K7Q2-9XPM", "/api/v1/appeals/categories", "/api/v1/appeals/published?page=2",
                "/open311/v2/services.json", "/open311/v2/requests/42.json",
            ] {
                #expect(try await client.send(uri).status == .ok, "\(uri)")
            }
            // Open311 intake needs a partner's API key: the gateway turns the anonymous away.
            let open311 = try await client.send("/open311/v2/requests.json", method: .post, body: ByteBuffer(string: "x=1"))
            #expect(open311.status == .unauthorized)
            #expect(recorder.count == 6)
            #expect(recorder.all.allSatisfy { $0.identity == .anonymous })
        }
    }

    @Test func pathsThatCouldResolveElsewhereAreRefused() async throws {
        try await TestGateway.withGateway { client, recorder in
            for uri in ["/api/v1/appeals/track/../0192", "/api/v1/appeals/track/%2e%2e/0192", "/api/v1/appeals/track%2F..%2F0192"] {
                let response = try await client.send(uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.problemCode == "invalid_path", "\(uri)")
            }
            #expect(recorder.count == 0)
        }
    }

    @Test func onlyPathsWithoutDotSegmentsOrEncodedSeparatorsAreCanonical() {
        for path in ["/api/v1/appeals", "/api/v1/appeals/", "/a/.../b", "/a/.b/c", "/a/b..", "/a%20b", "/a%2", "/a%", "/"] {
            #expect(ProxyResponder.isCanonical(path), "\(path)")
        }
        for path in [
            "/a/./b", "/a/../b", "/a/..", "/a/.", "./a", "..", "/a/%2e%2e/b", "/a/%2E/b", "/a%2Fb", "/a%2fb",
            "/a%5Cb", "/a%5cb", "/a\\b",
        ] {
            #expect(!ProxyResponder.isCanonical(path), "\(path)")
        }
    }

    @Test func theMostSpecificRuleDecidesAndUnlistedRoutesNeedSigningIn() {
        let table = RoutePolicyTable.standard
        #expect(table.rule(path: "/api/v1/appeals/track/abc", method: .get).access == .public)
        #expect(table.rule(path: "/api/v1/appeals/track/abc", method: .delete).access != .public)
        #expect(table.rule(path: "/api/v1/appeals", method: .get).access != .public)
        #expect(table.rule(path: "/api/v1/appeals/trackers", method: .get).access != .public)
        #expect(table.rule(path: "/api/v1/unknown", method: .get).access == .signedIn)
        #expect(table.maxBodyBytes(for: table.rule(path: "/api/v1/appeals/0192/responses", method: .post)) == 1 << 20)
        #expect(table.maxBodyBytes(for: table.rule(path: "/api/v1/appeals", method: .post)) == 64 << 10)
        #expect(table.maxBodyBytes(for: table.rule(path: "/open311/v2/requests.json", method: .post)) == 64 << 10)
    }
}
