import Foundation

/// Schemathesis run the platform's way against a live gateway's merged OpenAPI document: every check,
/// requests as a signed-in admin, a fixed seed, and each operation's rule answers allowed on that
/// operation only. Needs `schemathesis` on PATH (`pip install schemathesis`; `.ci/run` installs it).
public enum Schemathesis {
    /// What schemathesis expects, by default, for a schema-valid request (`positive_data_acceptance`).
    public static let acceptedStatuses = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
    /// What it expects for a schema-violating one (`negative_data_rejection`), plus 413: a body over the
    /// route's limit is refused before it is read.
    public static let rejectedStatuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
    /// Responses every operation shares; a status answered only through them is no rule of the operation's.
    static let sharedResponses: Set<String> = ["#/components/responses/Problem", "#/components/responses/Open311Error"]

    /// The answers an operation gives for rules a schema cannot state (a category that must exist, the
    /// ETag last read, a cursor this list issued, a key used with another body), beyond what schemathesis
    /// expects anyway: the document gives each a response of its own, not the shared problem answer, and
    /// only those operations may give them to a request the schema calls valid.
    public static func ruleAnswers(in document: [String: Any], pathPrefix: String = "/") -> [(operation: String, statuses: [String])] {
        var answers: [(operation: String, statuses: [String])] = []
        for (path, item) in document["paths"] as? [String: [String: Any]] ?? [:] where path.hasPrefix(pathPrefix) {
            for (method, operation) in item {
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                let statuses = responses.filter { status, response in
                    status.hasPrefix("4") && !acceptedStatuses.contains(status)
                        && !sharedResponses.contains((response as? [String: Any])?["$ref"] as? String ?? "")
                }.keys.sorted()
                if !statuses.isEmpty { answers.append(("\(method.uppercased()) \(path)", statuses)) }
            }
        }
        return answers.sorted { $0.operation < $1.operation }
    }

    /// Runs schemathesis against the gateway at `base` as `token`'s holder, with `parameters` (`"path.id"`
    /// and the like: real records, so generated requests reach the handlers, not only 404s), over the paths
    /// matching `pathRegex` (all when `nil`). The outcome's output has its lines cut at 400 characters: a
    /// generated body can fill the whole report on one line.
    public static func run(
        gateway base: String, token: String, document: [String: Any], parameters: [String: String], pathRegex: String? = nil, seed: String
    ) async throws -> ExternalCommand.Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = folder.appendingPathComponent("schemathesis.toml")
        try self.configuration(ruleAnswers: ruleAnswers(in: document), parameters: parameters).write(to: configuration, atomically: true, encoding: .utf8)
        // 25 minutes at most: a full run over the gateway and appeals took 18 on a slow 2-core machine under the rest of
        // the suite (9 on a faster one).
        var arguments = [
            "timeout", "1500", "schemathesis", "--no-color", "--config-file", configuration.path,
            "run", base + "/openapi.json", "--url", base, "--header", "Authorization: Bearer \(token)", "--checks", "all",
            "--max-examples", "25", "--seed", seed, "--workers", "1", "--no-shrink", "--suppress-health-check", "too_slow,filter_too_much",
        ]
        if let pathRegex { arguments += ["--include-path-regex", pathRegex] }
        let outcome = try await ExternalCommand.run(arguments)
        let report = outcome.output.split(separator: "\n", omittingEmptySubsequences: false).map { $0.prefix(400) }.joined(separator: "\n")
        return ExternalCommand.Outcome(status: outcome.status, output: report)
    }

    /// The configuration: 428 is the right answer to a missing If-Match (RFC 6585) and 404 to a resource
    /// that is not there, which the header check expects neither of by default; each operation's rule answers.
    static func configuration(ruleAnswers: [(operation: String, statuses: [String])], parameters: [String: String]) -> String {
        func list(_ statuses: [String]) -> String { statuses.map { "\"\($0)\"" }.joined(separator: ", ") }
        var text = """
            [checks.missing_required_header]
            expected-statuses = [400, 401, 403, 404, 406, 415, 422, 428]

            [checks.negative_data_rejection]
            expected-statuses = [\(list(rejectedStatuses))]

            [parameters]

            """
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) { text += "\"\(name)\" = \"\(value)\"\n" }
        for answer in ruleAnswers {
            text += """

                [[operations]]
                include-name = "\(answer.operation)"
                checks.positive_data_acceptance.expected-statuses = [\(list(acceptedStatuses + answer.statuses))]
                checks.negative_data_rejection.expected-statuses = [\(list(rejectedStatuses + answer.statuses))]

                """
        }
        return text
    }
}
