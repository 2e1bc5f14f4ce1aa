import EventsAndHearings
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// Schemathesis generates requests from the gateway's merged OpenAPI document, for the events paths (valid
/// and invalid ones, every method), and sends them through a live gateway as an admin: no answer may be a
/// 5xx or stray from the document, and every request the document calls valid is accepted unless the
/// document names the rule that refuses it. Needs `schemathesis` on PATH, as the appeals suite does.
@Suite struct EventsSchemathesisTests {
    @Test(arguments: TestDatabases.kinds)
    func generatedRequestsGetNoServerErrorAndOnlyDocumentedAnswers(kind: DatabaseKind) async throws {
        let limits = ["gateway.rate.limit.user.per.minute": "1000000", "gateway.rate.limit.anonymous.per.minute": "1000000"]
        try await ServiceHarness.run(EventsAndHearingsService.definition, on: kind, setup: .live) { events in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [events], on: kind, settings: limits, setup: .live) { gateway in
                let base = "http://127.0.0.1:\(gateway.client.port!)"
                func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any, ifMatch: String? = nil) async throws
                    -> TestResponse
                {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let token { headers[.authorization] = "Bearer \(token)" }
                    headers[.ifMatch] = ifMatch
                    let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
                    return try await gateway.client.execute(uri: path, method: method, headers: headers, body: body)
                }
                let login = try await send(
                    .post, "/api/v1/auth/login", json: ["email": TestConfiguration.adminEmail, "password": TestConfiguration.adminPassword])
                let admin = try login.decoded(as: EventsThroughGatewayTests.Session.self).accessToken
                // A real event with an agenda item, so generated requests reach the handlers, not only 404s.
                let event = try await send(.post, "/api/v1/events", token: admin, json: EventsHarness.hearing()).decoded(as: EventView.self)
                let agenda = try await send(.post, "/api/v1/events/\(event.id)/agenda", token: admin, json: AgendaTests.item("Opening"), ifMatch: "\"1\"")
                let item = try #require(try agenda.decoded(as: AgendaView.self).items.first?.id)
                let series = try await send(.put, "/api/v1/events/\(event.id)/recurrence", token: admin, json: ["rule": "FREQ=WEEKLY"], ifMatch: "\"2\"")
                try #require(series.status == .ok)

                let document = try await gateway.client.execute(uri: "/openapi.json", method: .get)
                let ruleAnswers = AppealsStyleRuleAnswers.of(
                    try #require(try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView)) as? [String: Any]))
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let configuration = folder.appendingPathComponent("schemathesis.toml")
                try """
                [checks.missing_required_header]
                expected-statuses = [400, 401, 403, 404, 406, 415, 422, 428]

                [checks.negative_data_rejection]
                expected-statuses = [\(AppealsStyleRuleAnswers.rejected.map { "\"\($0)\"" }.joined(separator: ", "))]

                [parameters]
                "path.id" = "\(event.id)"
                "path.itemId" = "\(item)"
                """.appending(
                    ruleAnswers.map { answer in
                        let statuses = { (defaults: [String]) in (defaults + answer.statuses).map { "\"\($0)\"" }.joined(separator: ", ") }
                        return """

                            [[operations]]
                            include-name = "\(answer.operation)"
                            checks.positive_data_acceptance.expected-statuses = [\(statuses(AppealsStyleRuleAnswers.accepted))]
                            checks.negative_data_rejection.expected-statuses = [\(statuses(AppealsStyleRuleAnswers.rejected))]

                            """
                    }.joined()
                ).write(to: configuration, atomically: true, encoding: .utf8)
                let outcome = try await ExternalCommand.run([
                    "timeout", "900", "schemathesis", "--no-color", "--config-file", configuration.path,
                    "run", base + "/openapi.json", "--url", base, "--header", "Authorization: Bearer \(admin)",
                    "--include-path-regex", "^/api/v1/events", "--checks", "all",
                    "--max-examples", "25", "--seed", "20261201", "--workers", "1", "--no-shrink",
                    "--suppress-health-check", "too_slow,filter_too_much",
                ])
                if outcome.status == 127 {
                    Issue.record("schemathesis is not installed: pip install schemathesis")
                } else {
                    let report = outcome.output.split(separator: "\n", omittingEmptySubsequences: false).map { $0.prefix(400) }.joined(separator: "\n")
                    #expect(outcome.status == 0, "schemathesis found problems:\n\(report.suffix(12_000))")
                }
            }
        }
    }
}

/// The statuses schemathesis accepts by default, and the operations' own rule answers beyond them, as the
/// appeals suite reads them (`AppealsSchemathesisTests`).
enum AppealsStyleRuleAnswers {
    static let accepted = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
    static let rejected = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]

    static func of(_ document: [String: Any]) -> [(operation: String, statuses: [String])] {
        let shared: Set<String> = ["#/components/responses/Problem"]
        var answers: [(operation: String, statuses: [String])] = []
        for (path, item) in document["paths"] as? [String: [String: Any]] ?? [:] where path.hasPrefix("/api/v1/events") {
            for (method, operation) in item {
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                let statuses = responses.filter { status, response in
                    status.hasPrefix("4") && !accepted.contains(status) && !shared.contains((response as? [String: Any])?["$ref"] as? String ?? "")
                }.keys.sorted()
                if !statuses.isEmpty { answers.append(("\(method.uppercased()) \(path)", statuses)) }
            }
        }
        return answers.sorted { $0.operation < $1.operation }
    }
}
