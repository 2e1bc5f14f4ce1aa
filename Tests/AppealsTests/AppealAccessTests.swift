import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TestSupport

@Suite struct AppealAccessTests {
    @Test func eachRoleSeesOnlyWhatItShould() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let organization = try await h.organization(admin: admin)
            let otherOrganization = try await h.organization(admin: admin)
            let key = try #require(try await h.send(.post, "/api/v1/api-keys", token: admin, json: [
                "organizationId": organization, "name": "intake", "scopes": ["appeals:read", "appeals:write"],
            ]).json?["key"] as? String)
            let otherKey = try #require(try await h.send(.post, "/api/v1/api-keys", token: admin, json: [
                "organizationId": otherOrganization, "name": "intake", "scopes": ["appeals:read", "appeals:write"],
            ]).json?["key"] as? String)

            let fromPartner = try await h.send(.post, "/api/v1/appeals", apiKey: key, json: AppealsHarness.submission())
            #expect(fromPartner.json?["id"] != nil)
            let partnerAppeal = try #require(fromPartner.json?["id"] as? String)
            let anonymousAppeal = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)

            // The partner sees its own submission (recorded as the partner channel), not others'.
            let own = try await h.send(.get, "/api/v1/appeals/\(partnerAppeal)", apiKey: key)
            #expect(own.status == .ok)
            #expect(own.json?["channel"] as? String == "partner")
            #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)", apiKey: key).status == .notFound)
            let partnerList = try await h.send(.get, "/api/v1/appeals", apiKey: key)
            #expect((partnerList.json?["items"] as? [[String: Any]])?.count == 1)
            #expect(try await h.send(.get, "/api/v1/appeals/\(partnerAppeal)", apiKey: otherKey).status == .notFound)

            // A legal expert sees only appeals assigned to them.
            let lawyer = try await h.user(["legal_expert"], admin: admin)
            #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)", token: lawyer.token).status == .notFound)
            #expect(try await h.change(.put, anonymousAppeal, "/assignment", token: admin, json: ["legalExpert": lawyer.id]).status == .ok)
            #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)", token: lawyer.token).status == .ok)
            #expect((try await h.send(.get, "/api/v1/appeals", token: lawyer.token).json?["items"] as? [[String: Any]])?.count == 1)

            // Roles that see no appeals: journalists and stakeholders get nothing from the staff routes.
            for role in ["journalist", "stakeholder"] {
                let caller = try await h.user([role], organization: role == "journalist" ? organization : nil, admin: admin)
                #expect(try await h.send(.get, "/api/v1/appeals", token: caller.token).status == .forbidden, "\(role) listed appeals")
                #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)", token: caller.token).status == .notFound, "\(role) read an appeal")
            }
            // Verifiers and coordinators see everything; the public sees nothing of the staff side.
            let verifier = try await h.user(["verifier"], admin: admin)
            #expect((try await h.send(.get, "/api/v1/appeals", token: verifier.token).json?["items"] as? [[String: Any]])?.count == 2)
            #expect(try await h.send(.get, "/api/v1/appeals").status == .unauthorized)
            #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)/history").status == .unauthorized)
        }
    }

    @Test func onlyCaseworkersChangeAppealsAndOnlyCoordinatorsReopen() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)
            let lawyer = try await h.user(["legal_expert"], admin: admin)
            try await h.change(.put, id, "/assignment", token: admin, json: ["legalExpert": lawyer.id])
            #expect(try await h.transition(id, to: "in_verification", token: lawyer.token).status == .forbidden)
            #expect(try await h.change(.put, id, "/assignment", token: lawyer.token, json: ["legalExpert": lawyer.id]).status == .forbidden)

            let verifier = try await h.user(["verifier"], admin: admin)
            for status in ["in_verification", "verified", "answered", "closed"] {
                #expect(try await h.transition(id, to: status, token: verifier.token).status == .ok, "verifier → \(status)")
            }
            #expect(try await h.transition(id, to: "in_verification", token: verifier.token).status == .forbidden)
            let coordinator = try await h.user(["coordinator"], admin: admin)
            #expect(try await h.transition(id, to: "in_verification", token: coordinator.token).status == .ok)
        }
    }
}

@Suite struct CouncilAccessTests {
    @Test func aCouncilMemberSeesTheirRegionsAppealsWithoutPersonalData() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let council = try #require(try await h.send(.post, "/api/v1/organizations", token: admin, json: [
                "type": "public_council", "name": ["ky": "Нарын кеңеши"], "regionCode": "KG-N",
            ]).json?["id"] as? String)
            let member = try await h.user(["council_member"], organization: council, admin: admin)
            let secret = "SECRET\(UUID().uuidString.prefix(6))"
            let naryn = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(
                description: secret, submitter: ["name": secret]
            )).json?["id"] as? String)
            var elsewhere = AppealsHarness.submission()
            elsewhere["regionCode"] = "KG-T"
            let talas = try #require(try await h.send(.post, "/api/v1/appeals", json: elsewhere).json?["id"] as? String)

            let seen = try await h.send(.get, "/api/v1/appeals/\(naryn)", token: member.token)
            #expect(seen.status == .ok)
            #expect(seen.json?["description"] == nil)
            #expect(seen.json?["submitter"] == nil)
            #expect(!seen.text.contains(secret))
            #expect(try await h.send(.get, "/api/v1/appeals/\(talas)", token: member.token).status == .notFound)
            let list = try await h.send(.get, "/api/v1/appeals", token: member.token)
            #expect((list.json?["items"] as? [[String: Any]])?.count == 1)
            #expect(!list.text.contains(secret))
            #expect(try await h.send(.get, "/api/v1/appeals?regionCode=KG-T", token: member.token).status == .forbidden)
            #expect(try await h.transition(naryn, to: "in_verification", token: member.token).status == .forbidden)

            // The case file keeps its events but not what staff wrote about the person.
            try await h.transition(naryn, to: "in_verification", token: admin, extra: ["note": "note \(secret)", "publicNote": "Checking the facts."])
            try await h.change(.post, naryn, "/verification", token: admin, json: [
                "sourcesChecked": ["school \(secret)"], "evidenceNotes": "called \(secret)", "outcome": "confirmed",
            ])
            try await h.transition(naryn, to: "verified", token: admin)
            try await h.change(.post, naryn, "/referrals", token: admin, json: ["bodyName": "District akimiat"])
            let referral = try #require(((try await h.send(.get, "/api/v1/appeals/\(naryn)/history", token: admin).json?["referrals"] as? [[String: Any]])?.first)?["id"] as? String)
            try await h.change(.post, naryn, "/referrals/\(referral)/reply", token: admin, json: ["reply": "about \(secret)"])
            try await h.change(.post, naryn, "/responses", token: admin, json: ["text": "internal \(secret)", "channel": "written"])
            let full = try await h.send(.get, "/api/v1/appeals/\(naryn)/history", token: admin)
            #expect(full.text.components(separatedBy: secret).count - 1 == 5)
            let redacted = try await h.send(.get, "/api/v1/appeals/\(naryn)/history", token: member.token)
            #expect(redacted.status == .ok)
            #expect(!redacted.text.contains(secret))
            #expect(redacted.text.contains("Checking the facts."))
            #expect((redacted.json?["verifications"] as? [[String: Any]])?.first?["outcome"] as? String == "confirmed")
        }
    }
}
