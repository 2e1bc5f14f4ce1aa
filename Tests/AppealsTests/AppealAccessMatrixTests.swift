import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Every appeals route, called by every kind of caller, against one appeal: who gets through, who is
/// refused (401 for the public, 403 for a role that may not), and who is not even told the appeal
/// exists (404). Changes are sent without `If-Match`, so a caller who may make them gets 428 and
/// nothing changes while the matrix runs.
@Suite struct AppealAccessMatrixTests {
    enum Caller: String, CaseIterable {
        case anonymous, admin, coordinator, verifier, assignedLawyer, otherLawyer
        case councilHere, councilElsewhere, partner, otherPartner, journalist, stakeholder
    }

    struct Route {
        let method: HTTPRequest.Method
        let path: String
        var json: [String: Any]? = nil
        var form: String? = nil
        let expected: (Caller) -> HTTPResponse.Status
    }

    static let everyone = Set(Caller.allCases)
    static let caseworkers: Set<Caller> = [.admin, .coordinator, .verifier]
    static let managers: Set<Caller> = [.admin, .coordinator]
    /// Who may see the appeal: staff, its assigned lawyer, its region's council, the partner that sent it.
    static let seeTheAppeal = caseworkers.union([.assignedLawyer, .councilHere, .partner])

    /// `status` for `allowed`; otherwise 401 for the public, 404 for those the appeal is hidden from, 403.
    static func only(_ allowed: Set<Caller>, _ status: HTTPResponse.Status, hiddenFrom hidden: Set<Caller> = []) -> (Caller) -> HTTPResponse.Status {
        { caller in
            if allowed.contains(caller) { return status }
            if caller == .anonymous { return .unauthorized }
            return hidden.contains(caller) ? .notFound : .forbidden
        }
    }

    static func routes(appeal id: String, publicCopy: String, trackingCode: String, referral: String) -> [Route] {
        let notSeeing = everyone.subtracting(seeTheAppeal)
        let appeal = "/api/v1/appeals/\(id)"
        var routes = [
            Route(method: .post, path: "/api/v1/appeals", json: AppealsHarness.submission(), expected: only(everyone, .created)),
            Route(method: .get, path: "/api/v1/appeals/track/\(trackingCode)", expected: only(everyone, .ok)),
            Route(method: .post, path: "/api/v1/appeals/track", json: ["code": trackingCode], expected: only(everyone, .ok)),
            Route(method: .get, path: "/api/v1/appeals/published", expected: only(everyone, .ok)),
            Route(method: .get, path: "/api/v1/appeals/published/\(publicCopy)", expected: only(everyone, .ok)),
            Route(
                method: .get, path: "/api/v1/appeals/stats",
                expected: only(caseworkers.union([.assignedLawyer, .otherLawyer, .stakeholder]), .ok)),
            Route(method: .get, path: "/api/v1/appeals", expected: only(everyone.subtracting([.anonymous, .journalist, .stakeholder]), .ok)),
            Route(method: .get, path: appeal, expected: only(seeTheAppeal, .ok, hiddenFrom: notSeeing)),
            Route(method: .get, path: appeal + "/history", expected: only(seeTheAppeal, .ok, hiddenFrom: notSeeing)),
            Route(method: .patch, path: appeal, json: ["staffSummary": "s"], expected: only(caseworkers, .preconditionRequired)),
            Route(
                method: .post, path: appeal + "/transitions", json: ["to": "closed"],
                expected: only(caseworkers.union([.assignedLawyer]), .preconditionRequired, hiddenFrom: [.otherLawyer])),
            Route(
                method: .post, path: appeal + "/verification", json: ["sourcesChecked": ["a"], "evidenceNotes": "e", "outcome": "confirmed"],
                expected: only(caseworkers, .preconditionRequired)),
            Route(method: .put, path: appeal + "/assignment", json: [:], expected: only(managers, .preconditionRequired)),
            Route(method: .post, path: appeal + "/referrals", json: ["bodyName": "Akimiat"], expected: only(caseworkers, .preconditionRequired)),
            Route(method: .post, path: appeal + "/referrals/\(referral)/reply", json: ["reply": "r"], expected: only(caseworkers, .preconditionRequired)),
            Route(
                method: .post, path: appeal + "/responses", json: ["text": "t", "channel": "written"],
                expected: only(managers.union([.assignedLawyer]), .preconditionRequired, hiddenFrom: [.otherLawyer])),
            Route(method: .post, path: appeal + "/extension", json: ["days": 5, "reason": "r"], expected: only(managers, .preconditionRequired)),
            Route(
                method: .post, path: appeal + "/publication", json: ["title": ["en": "t"], "summary": ["en": "s"]],
                expected: only(caseworkers, .preconditionRequired)),
            Route(method: .delete, path: appeal + "/publication", expected: only(caseworkers, .preconditionRequired)),
            // Invalid bodies: only a caller who may make the change learns what its fields must hold.
            Route(
                method: .post, path: appeal + "/transitions", json: ["to": "bogus"],
                expected: only(caseworkers.union([.assignedLawyer]), .unprocessableContent, hiddenFrom: [.otherLawyer])),
            Route(method: .post, path: appeal + "/verification", json: [:], expected: only(caseworkers, .unprocessableContent)),
            Route(method: .patch, path: appeal, json: ["categoryCode": "no_such_category"], expected: only(caseworkers, .unprocessableContent)),
            Route(method: .post, path: appeal + "/extension", json: ["days": 0, "reason": ""], expected: only(managers, .unprocessableContent)),
            Route(
                method: .post, path: appeal + "/responses", json: ["text": ""],
                expected: only(managers.union([.assignedLawyer]), .unprocessableContent, hiddenFrom: [.otherLawyer])),
            Route(method: .post, path: appeal + "/publication", json: ["title": 5], expected: only(caseworkers, .unprocessableContent)),
            Route(method: .get, path: "/open311/v2/services.json", expected: only(everyone, .ok)),
            Route(method: .get, path: "/open311/v2/requests.json", expected: only(everyone, .ok)),
            Route(method: .get, path: "/open311/v2/requests/\(publicCopy).json", expected: only(everyone, .ok)),
            // Partner systems only: people, signed in or not, are told to use an API key.
            Route(
                method: .post, path: "/open311/v2/requests.json", form: "service_code=education&description=d&region_code=KG-N",
                expected: { [.partner, .otherPartner].contains($0) ? .created : .unauthorized }),
        ]
        for list in ["categories", "vulnerable-groups"] {
            routes += [
                Route(method: .get, path: "/api/v1/appeals/\(list)", expected: only(everyone, .ok)),
                Route(
                    method: .post, path: "/api/v1/appeals/\(list)", json: ["code": "X", "name": ["en": "x"]], expected: only(managers, .unprocessableContent)),
                Route(method: .post, path: "/api/v1/appeals/\(list)/no_such_code/retire", expected: only(managers, .notFound)),
            ]
        }
        return routes
    }

    /// End to end: the gateway's route policy and the service's object-level checks, together.
    @Test func everyRouteAnswersEveryCallerAsItsRulesSay() async throws {
        try await AppealsThroughGateway.with { h in
            let admin = try await h.token()
            func council(_ region: String) async throws -> String {
                try await h.organization(admin: admin, fields: ["type": "public_council", "name": ["ky": "Кеңеш \(region)"], "regionCode": region])
            }
            let partnerKey = try await h.apiKey(for: try await h.organization(admin: admin), admin: admin)
            let otherPartnerKey = try await h.apiKey(for: try await h.organization(admin: admin), admin: admin)
            let lawyer = try await h.user(["legal_expert"], admin: admin)
            var tokens: [Caller: String] = [
                .admin: admin,
                .coordinator: try await h.user(["coordinator"], admin: admin).token,
                .verifier: try await h.user(["verifier"], admin: admin).token,
                .assignedLawyer: lawyer.token,
                .otherLawyer: try await h.user(["legal_expert"], admin: admin).token,
                .councilHere: try await h.user(["council_member"], organization: try await council("KG-N"), admin: admin).token,
                .councilElsewhere: try await h.user(["council_member"], organization: try await council("KG-T"), admin: admin).token,
                .journalist: try await h.user(["journalist"], organization: try await h.organization(admin: admin), admin: admin).token,
            ]
            tokens[.stakeholder] = try await h.user(["stakeholder"], admin: admin).token
            let keys: [Caller: String] = [.partner: partnerKey, .otherPartner: otherPartnerKey]

            // The appeal: sent by the partner in KG-N, assigned, verified, referred and published.
            let receipt = try await h.send(.post, "/api/v1/appeals", apiKey: partnerKey, json: AppealsHarness.submission()).decoded(as: Receipt.self)
            let id = receipt.id
            let trackingCode = try #require(receipt.trackingCode)
            try await h.change(.put, id, "/assignment", token: admin, json: ["legalExpert": lawyer.id])
            try await h.transition(id, to: "in_verification", token: admin)
            try await h.transition(id, to: "verified", token: admin)
            try await h.change(.post, id, "/referrals", token: admin, json: ["bodyName": "District akimiat"])
            try await h.change(.post, id, "/publication", token: admin, json: ["title": ["en": "A school"], "summary": ["en": "Refused"]])
            let referral = try #require(
                try await h.send(.get, "/api/v1/appeals/\(id)/history", token: admin)
                    .decoded(as: CaseFile.self).referrals?.first?.id)

            let publicCopy = try #require(try await h.send(.get, "/api/v1/appeals/published").decoded(as: PublishedList.self).items.first?.id)
            for route in Self.routes(appeal: id, publicCopy: publicCopy, trackingCode: trackingCode, referral: referral) {
                for caller in Caller.allCases {
                    let response: TestResponse
                    if let form = route.form {
                        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                        if let token = tokens[caller] { headers[.authorization] = "Bearer \(token)" }
                        if let key = keys[caller] { headers[HTTPField.Name("X-API-Key")!] = key }
                        response = try await h.client.execute(uri: route.path, method: route.method, headers: headers, body: ByteBuffer(string: form))
                    } else {
                        response = try await h.send(route.method, route.path, token: tokens[caller], apiKey: keys[caller], json: route.json)
                    }
                    #expect(
                        response.status == route.expected(caller),
                        "\(route.method) \(route.path) as \(caller.rawValue): \(response.status.code) \(response.problemCode ?? "")")
                }
            }
        }
    }
}
