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
    /// What schemathesis expects, by default, for a schema-valid request (`positive_data_acceptance`) and
    /// for a schema-violating one (`negative_data_rejection`), plus 413: a body over the route's limit is
    /// refused before it is read.
    static let acceptedStatuses = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
    static let rejectedStatuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]

    /// The answers an operation gives for rules a schema cannot state (a category that must exist, the
    /// ETag last read, a cursor this list issued, a key used with another body), beyond what schemathesis
    /// expects anyway: the document gives each a response of its own, not the shared problem answer, and
    /// only those operations may give them to a request the schema calls valid.
    static func ruleAnswers(in document: [String: Any]) -> [(operation: String, statuses: [String])] {
        let shared: Set<String> = ["#/components/responses/Problem", "#/components/responses/Open311Error"]
        var answers: [(operation: String, statuses: [String])] = []
        for (path, item) in document["paths"] as? [String: [String: Any]] ?? [:] {
            for (method, operation) in item {
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                let statuses = responses.filter { status, response in
                    status.hasPrefix("4") && !acceptedStatuses.contains(status)
                        && !shared.contains((response as? [String: Any])?["$ref"] as? String ?? "")
                }.keys.sorted()
                if !statuses.isEmpty { answers.append(("\(method.uppercased()) \(path)", statuses)) }
            }
        }
        return answers.sorted { $0.operation < $1.operation }
    }

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

            let document = try await h.send(.get, "/openapi.json")
            let ruleAnswers = Self.ruleAnswers(
                in: try #require(try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView)) as? [String: Any]))
            #expect(ruleAnswers.contains { $0.operation == "POST /api/v1/appeals" && $0.statuses.contains("422") })
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let configuration = folder.appendingPathComponent("schemathesis.toml")
            // 428 is the right answer to a missing If-Match (RFC 6585), and 404 to a resource that is not there
            // (the IDs below are appeals'); the check expects neither by default. A body over a route's limit
            // is refused with 413 whatever it holds.
            try """
            [checks.missing_required_header]
            expected-statuses = [400, 401, 403, 404, 406, 415, 422, 428]

            [checks.negative_data_rejection]
            expected-statuses = [\(Self.rejectedStatuses.map { "\"\($0)\"" }.joined(separator: ", "))]

            [parameters]
            "path.id" = "\(id)"
            "path.code" = "\(trackingCode)"
            "path.referralId" = "\(referralID)"
            "path.file" = "\(id).json"
            """.appending(
                ruleAnswers.map { answer in
                    let statuses = { (defaults: [String]) in (defaults + answer.statuses).map { "\"\($0)\"" }.joined(separator: ", ") }
                    return """

                        [[operations]]
                        include-name = "\(answer.operation)"
                        checks.positive_data_acceptance.expected-statuses = [\(statuses(Self.acceptedStatuses))]
                        checks.negative_data_rejection.expected-statuses = [\(statuses(Self.rejectedStatuses))]

                        """
                }.joined()
            ).write(to: configuration, atomically: true, encoding: .utf8)

            let gateway = "http://127.0.0.1:\(h.client.port!)"
            let outcome = try await ExternalCommand.run([
                "timeout", "900", "schemathesis", "--no-color", "--config-file", configuration.path,
                "run", gateway + "/openapi.json", "--url", gateway, "--header", "Authorization: Bearer \(admin)",
                "--checks", "all",
                "--max-examples", "25", "--seed", "20261129", "--workers", "1", "--no-shrink",
                "--suppress-health-check", "too_slow,filter_too_much",
                "--report", "junit", "--report-dir", folder.path,
            ])
            if outcome.status == 127 {
                Issue.record("schemathesis is not installed: pip install schemathesis")
            } else {
                // Lines cut at 400 characters: a generated body can fill the whole report on its own line.
                let report = outcome.output.split(separator: "\n", omittingEmptySubsequences: false).map { $0.prefix(400) }.joined(separator: "\n")
                #expect(outcome.status == 0, "schemathesis found problems:\n\(report.suffix(12_000))")
            }
        }
    }
}
