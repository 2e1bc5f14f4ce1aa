import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import TestSupport
import Testing

@Suite struct AppealAccessTests {
    @Test func eachRoleSeesOnlyWhatItShould() async throws {
        try await AppealsHarness.with { h in
            let partner = TestIdentity.partner(organizationID: UUID())
            let otherPartner = TestIdentity.partner(organizationID: UUID())

            let fromPartner = try await h.submit(as: partner)
            let partnerAppeal = fromPartner.id
            let anonymousAppeal = try await h.submit().id

            // The partner sees its own submission (recorded as the partner channel), not others'.
            let own = try await h.send(.get, "/api/v1/appeals/\(partnerAppeal)", as: partner)
            #expect(own.status == .ok)
            #expect(try own.decoded(as: AppealView.self).channel == "partner")
            #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)", as: partner).status == .notFound)
            let partnerList = try await h.send(.get, "/api/v1/appeals", as: partner).decoded(as: AppealList.self)
            #expect(partnerList.items.count == 1)
            #expect(try await h.send(.get, "/api/v1/appeals/\(partnerAppeal)", as: otherPartner).status == .notFound)

            // A legal expert sees only appeals assigned to them.
            let lawyer = TestIdentity.principal([.legalExpert])
            #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)", as: lawyer).status == .notFound)
            #expect(try await h.change(.put, anonymousAppeal, "/assignment", json: ["legalExpert": try #require(lawyer.subject)]).status == .ok)
            #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)", as: lawyer).status == .ok)
            #expect(try await h.send(.get, "/api/v1/appeals", as: lawyer).decoded(as: AppealList.self).items.count == 1)

            // Roles that see no appeals: journalists and stakeholders get nothing from the staff routes.
            for role in [Role.journalist, .stakeholder] {
                let caller = TestIdentity.principal([role], organizationID: role == .journalist ? UUID() : nil)
                #expect(try await h.send(.get, "/api/v1/appeals", as: caller).status == .forbidden, "\(role) listed appeals")
                #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)", as: caller).status == .notFound, "\(role) read an appeal")
            }
            // Verifiers and coordinators see everything; the public sees nothing of the staff side.
            let verifier = TestIdentity.principal([.verifier])
            #expect(try await h.send(.get, "/api/v1/appeals", as: verifier).decoded(as: AppealList.self).items.count == 2)
            #expect(try await h.send(.get, "/api/v1/appeals").status == .unauthorized)
            #expect(try await h.send(.get, "/api/v1/appeals/\(anonymousAppeal)/history").status == .unauthorized)
        }
    }

    @Test func onlyCaseworkersChangeAppealsAndOnlyCoordinatorsReopen() async throws {
        try await AppealsHarness.with { h in
            let id = try await h.submit().id
            let lawyer = TestIdentity.principal([.legalExpert])
            try await h.change(.put, id, "/assignment", json: ["legalExpert": try #require(lawyer.subject)])
            #expect(try await h.transition(id, to: "in_verification", as: lawyer).status == .forbidden)
            #expect(try await h.change(.put, id, "/assignment", as: lawyer, json: ["legalExpert": try #require(lawyer.subject)]).status == .forbidden)

            let verifier = TestIdentity.principal([.verifier])
            for status in ["in_verification", "verified", "answered", "closed"] {
                #expect(try await h.transition(id, to: status, as: verifier).status == .ok, "verifier → \(status)")
            }
            #expect(try await h.transition(id, to: "in_verification", as: verifier).status == .forbidden)
            let coordinator = TestIdentity.principal([.coordinator])
            #expect(try await h.transition(id, to: "in_verification", as: coordinator).status == .ok)
        }
    }
}

@Suite struct CouncilAccessTests {
    @Test func aCouncilMemberSeesTheirRegionsAppealsWithoutPersonalData() async throws {
        try await AppealsHarness.with { h in
            // The gateway adds the council's region from its directory; here the test vouches for it.
            let member = TestIdentity.principal([.councilMember], organizationID: UUID(), organizationRegion: .naryn)
            let secret = "SECRET\(UUID().uuidString.prefix(6))"
            let naryn = try await h.submit(AppealsHarness.submission(description: secret, submitter: ["name": secret])).id
            var elsewhere = AppealsHarness.submission()
            elsewhere["regionCode"] = "KG-T"
            let talas = try await h.submit(elsewhere).id

            let seen = try await h.send(.get, "/api/v1/appeals/\(naryn)", as: member)
            #expect(seen.status == .ok)
            let seenAppeal = try seen.decoded(as: AppealView.self)
            #expect(seenAppeal.description == nil)
            #expect(seenAppeal.submitter == nil)
            #expect(!seen.text.contains(secret))
            #expect(try await h.send(.get, "/api/v1/appeals/\(talas)", as: member).status == .notFound)
            let list = try await h.send(.get, "/api/v1/appeals", as: member)
            #expect(try list.decoded(as: AppealList.self).items.count == 1)
            #expect(!list.text.contains(secret))
            #expect(try await h.send(.get, "/api/v1/appeals?regionCode=KG-T", as: member).status == .forbidden)
            #expect(try await h.transition(naryn, to: "in_verification", as: member).status == .forbidden)

            // The case file keeps its events but not what staff wrote about the person.
            try await h.transition(naryn, to: "in_verification", extra: ["note": "note \(secret)", "publicNote": "Checking the facts."])
            try await h.change(
                .post, naryn, "/verification",
                json: [
                    "sourcesChecked": ["school \(secret)"], "evidenceNotes": "called \(secret)", "outcome": "confirmed",
                ])
            try await h.transition(naryn, to: "verified")
            try await h.change(.post, naryn, "/referrals", json: ["bodyName": "District akimiat"])
            let referral = try #require(try await h.caseFile(naryn).referrals?.first?.id)
            try await h.change(.post, naryn, "/referrals/\(referral)/reply", json: ["reply": "about \(secret)"])
            try await h.change(.post, naryn, "/responses", json: ["text": "internal \(secret)", "channel": "written"])
            let full = try await h.send(.get, "/api/v1/appeals/\(naryn)/history", as: AppealsHarness.admin)
            #expect(full.text.components(separatedBy: secret).count - 1 == 5)
            let redacted = try await h.send(.get, "/api/v1/appeals/\(naryn)/history", as: member)
            #expect(redacted.status == .ok)
            #expect(!redacted.text.contains(secret))
            #expect(redacted.text.contains("Checking the facts."))
            #expect(try redacted.decoded(as: CaseFile.self).verifications?.first?.outcome == "confirmed")
        }
    }
}
