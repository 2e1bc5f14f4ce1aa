import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport

@Suite struct Open311Tests {
    /// The official schemas, in the shared folder beside the repository.
    static let schemas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/standards/open311-georeport-v2")

    /// Validates `json` against `schema` with Python's jsonschema (relative `$ref`s resolved in the folder);
    /// returns the validator's complaints, empty when valid.
    static func violations(of json: String, against schema: String) async throws -> String {
        let script = """
            import json, pathlib, sys
            from jsonschema import validators
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT4
            folder = pathlib.Path(sys.argv[1])
            registry = Registry().with_resources(
                (p.name, Resource.from_contents(json.loads(p.read_text()), default_specification=DRAFT4)) for p in folder.glob("*.json"))
            schema = json.loads((folder / sys.argv[2]).read_text())
            cls = validators.validator_for(schema, default=validators.Draft4Validator)
            errors = [e.message for e in cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER).iter_errors(json.loads(sys.stdin.read()))]
            print("\\n".join(errors))
            sys.exit(1 if errors else 0)
            """
        let outcome = try await ExternalCommand.run(["python3", "-c", script, schemas.path, schema], input: json)
        return outcome.status == 0 ? "" : (outcome.output.isEmpty ? "validator exited \(outcome.status)" : outcome.output)
    }

    @Test func responsesValidateAgainstTheOfficialSchemas() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)
            try await h.transition(id, to: "in_verification", token: admin)
            try await h.transition(id, to: "verified", token: admin)
            try await h.change(.post, id, "/referrals", token: admin, json: ["bodyName": "District akimiat"])
            try await h.change(.post, id, "/publication", token: admin, json: ["title": ["ru": "Заголовок"], "summary": ["ru": "Кратко"]])

            let services = try await h.send(.get, "/open311/v2/services.json", headers: [.acceptLanguage: "ru"])
            #expect(try await Self.violations(of: services.text, against: "services.json") == "")
            #expect(services.text.contains("Образование"))
            let definition = try await h.send(.get, "/open311/v2/services/education.json")
            #expect(try await Self.violations(of: definition.text, against: "service-definition.json") == "")
            #expect(definition.text.contains(#""code":"region_code""#))

            let requests = try await h.send(.get, "/open311/v2/requests.json")
            #expect(try await Self.violations(of: requests.text, against: "requests.json") == "")
            let items = try JSONSerialization.jsonObject(with: Data(requests.text.utf8)) as? [[String: Any]]
            #expect(items?.first?["agency_responsible"] as? String == "District akimiat")
            #expect(items?.first?["status"] as? String == "open")

            let publicID = try #require(items?.first?["service_request_id"] as? String)
            let single = try await h.send(.get, "/open311/v2/requests/\(publicID).json")
            #expect(try await Self.violations(of: single.text, against: "requests.json") == "")
            #expect(try await h.send(.get, "/open311/v2/requests/\(UUID()).json").status == .notFound)
            // The validator itself rejects what breaks the standard.
            #expect(try await Self.violations(of: #"[{"status": "pending"}]"#, against: "requests.json") != "")
        }
    }

    @Test func partnersSubmitWithAnAPIKeyAndThePublicCannot() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let organization = try await h.organization(admin: admin)
            let key = try #require(try await h.send(.post, "/api/v1/api-keys", token: admin, json: [
                "organizationId": organization, "name": "open311", "scopes": ["appeals:write"],
            ]).json?["key"] as? String)
            let form = "service_code=labour&description=Unpaid%20wages%20for%20three%20months&region_code=KG-J&first_name=Bakyt&phone=%2B996555000111"
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[HTTPField.Name("X-API-Key")!] = key
            let created = try await h.client.execute(uri: "/open311/v2/requests.json", method: .post, headers: headers, body: ByteBuffer(string: form))
            #expect(created.status == .created)
            let receipt = try JSONSerialization.jsonObject(with: Data(created.text.utf8)) as? [[String: Any]]
            let id = try #require(receipt?.first?["service_request_id"] as? String)
            let appeal = try await h.send(.get, "/api/v1/appeals/\(id)", token: admin)
            #expect(appeal.json?["channel"] as? String == "partner")
            #expect((appeal.json?["submitter"] as? [String: Any])?["name"] as? String == "Bakyt")
            #expect((appeal.json?["consent"] as? [String: Bool])?["publication"] == false)

            let anonymous = try await h.client.execute(uri: "/open311/v2/requests.json", method: .post,
                                                       headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form))
            #expect(anonymous.status == .unauthorized)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let missingRegion = try await h.client.execute(uri: "/open311/v2/requests.json", method: .post, headers: headers,
                                                           body: ByteBuffer(string: "service_code=labour&description=x"))
            #expect(missingRegion.status == .unprocessableContent)
            // The standard's JSON error list, one entry per invalid field, with our stable code beside its status.
            let errors = try JSONDecoder().decode([Open311Error].self, from: Data(missingRegion.text.utf8))
            #expect(errors.count == 1)
            #expect(errors.first?.code == 422 && errors.first?.error_code == "validation_failed")
            #expect(errors.first?.description.hasPrefix("region_code: ") == true)
        }
    }
}

/// One entry of GeoReport v2's error list.
struct Open311Error: Decodable {
    let code: Int
    let description: String
    let error_code: String
}

@Suite struct AppealsOpenAPITests {
    @Test func theGatewayServesTheAppealsDocumentMergedIntoItsOwn() async throws {
        try await AppealsHarness.with { h in
            let document = try await h.send(.get, "/openapi.json")
            #expect(document.status == .ok)
            #expect(document.json?["openapi"] as? String == "3.1.0")
            let paths = document.json?["paths"] as? [String: Any] ?? [:]
            for path in ["/api/v1/appeals", "/api/v1/appeals/{id}/transitions", "/api/v1/appeals/published", "/open311/v2/requests.json",
                         "/open311/v2/requests.xml", "/open311/v2/services/{file}", "/open311/discovery.xml"] {
                #expect(paths[path] != nil, "\(path) is not documented")
            }
            let schemas = (document.json?["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            #expect(schemas["NewAppeal"] != nil)
        }
    }
}
