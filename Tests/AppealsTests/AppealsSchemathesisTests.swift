import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import TestSupport

/// Schemathesis generates requests from the merged OpenAPI document, the gateway's paths and appeals'
/// (valid and invalid ones, every method, stateful sequences), and sends them through a live gateway:
/// no answer may be a 5xx or stray from the document. Needs `schemathesis` on PATH (`pip install
/// schemathesis`; `.ci/run` installs it).
@Suite struct AppealsSchemathesisTests {
    @Test(arguments: TestDatabases.kinds)
    func generatedRequestsGetNoServerErrorAndOnlyDocumentedAnswers(kind: DatabaseKind) async throws {
        // Raised limits: the fuzzer is one very busy client, and limiting it is not what this test is about.
        let limits = ["gateway.rate.limit.user.per.minute": "1000000", "gateway.rate.limit.anonymous.per.minute": "1000000"]
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

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let configuration = folder.appendingPathComponent("schemathesis.toml")
            // 428 is the right answer to a missing If-Match (RFC 6585), and 404 to a resource that is not there
            // (the IDs below are appeals'); the check expects neither by default.
            try """
                [checks.missing_required_header]
                expected-statuses = [400, 401, 403, 404, 406, 415, 422, 428]

                [parameters]
                "path.id" = "\(id)"
                "path.code" = "\(trackingCode)"
                "path.referralId" = "\(referralID)"
                "path.file" = "\(id).json"
                """.write(to: configuration, atomically: true, encoding: .utf8)

            let gateway = "http://127.0.0.1:\(h.client.port!)"
            let outcome = try await ExternalCommand.run([
                "timeout", "900", "schemathesis", "--no-color", "--config-file", configuration.path,
                "run", gateway + "/openapi.json", "--url", gateway, "--header", "Authorization: Bearer \(admin)",
                // Every check but one: positive_data_acceptance expects every schema-valid body to be
                // accepted, and rules the document cannot state (a category that exists, one extension
                // per appeal, the configured maximum) rightly refuse some.
                "--checks", "all", "--exclude-checks", "positive_data_acceptance",
                "--max-examples", "25", "--seed", "20261129", "--workers", "1", "--no-shrink",
                "--suppress-health-check", "too_slow,filter_too_much",
                "--report", "junit", "--report-dir", folder.path,
            ])
            if outcome.status == 127 {
                Issue.record("schemathesis is not installed: pip install schemathesis")
            } else {
                #expect(outcome.status == 0, "schemathesis found problems:\n\(outcome.output.suffix(12_000))")
            }
        }
    }
}
