import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import TestSupport
import Testing

/// Schemathesis generates requests from the merged OpenAPI document, the gateway's paths and appeals'
/// (valid and invalid ones, every method, stateful sequences), and sends them through a live gateway:
/// no answer may be a 5xx or stray from the document, and every request the document calls valid is
/// accepted unless the document names the rule that refuses it. Needs `schemathesis` on PATH (`pip install
/// schemathesis`; `.ci/run` installs it).
@Suite struct AppealsSchemathesisTests {
    @Test(arguments: TestDatabases.kinds)
    func generatedRequestsGetNoServerErrorAndOnlyDocumentedAnswers(kind: DatabaseKind) async throws {
        // Raised limits: the fuzzer is one very busy client, and limiting it is not what this test is about.
        // The admin's token lives an hour: a run on a slow machine outlasts the default 15 minutes.
        let limits = [
            "gateway.rate.limit.user.per.minute": "1000000", "gateway.rate.limit.anonymous.per.minute": "1000000",
            "gateway.access.token.seconds": "3600",
        ]
        try await AppealsThroughGateway.with(kind, gateway: .live, gatewaySettings: limits) { h in
            let admin = try await h.token()
            // A real appeal, tracking code and referral, so generated requests reach the handlers, not only 404s.
            let submitted = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission())
            let receipt = try submitted.decoded(as: Receipt.self)
            let id = receipt.id
            let trackingCode = try #require(receipt.trackingCode)
            try await h.transition(id, to: "in_verification", token: admin)
            try await h.transition(id, to: "verified", token: admin)
            try await h.change(.post, id, "/referrals", token: admin, json: ["bodyName": "District akimiat"])
            try await h.change(.post, id, "/publication", token: admin, json: ["title": ["en": "A school"], "summary": ["en": "Refused enrolment"]])
            let caseFile = try await h.send(.get, "/api/v1/appeals/\(id)/history", token: admin)
            let referralID = try #require(try caseFile.decoded(as: CaseFile.self).referrals?.first?.id)

            let response = try await h.send(.get, "/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(Schemathesis.ruleAnswers(in: document).contains { $0.operation == "POST /api/v1/appeals" && $0.statuses.contains("422") })
            let outcome = try await Schemathesis.run(
                gateway: "http://127.0.0.1:\(h.client.port!)", token: admin, document: document,
                parameters: ["path.id": "\(id)", "path.code": trackingCode, "path.referralId": "\(referralID)", "path.file": "\(id).json"],
                seed: "20261129")
            if outcome.status == 127 {
                Issue.record("schemathesis is not installed: pip install schemathesis")
            } else {
                #expect(outcome.status == 0, "schemathesis found problems:\n\(outcome.output.suffix(12_000))")
            }
        }
    }
}
