// swift-format-ignore-file: AlwaysUseLowerCamelCase
// Open311 GeoReport v2 names its fields in snake_case; these types carry the spec's names as they are.

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite struct Open311Tests {
    /// The official schemas, in the shared folder beside the repository.
    static let schemas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/standards/open311-georeport-v2")

    /// Validates `json` against `schema` with Python's jsonschema (relative `$ref`s resolved in the folder);
    /// returns the validator's complaints, empty when valid.
    /// Records the validator's report when `json` is not valid against `schema`.
    static func expectValid(_ json: String, against schema: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let problems = try await violations(of: json, against: schema)
        #expect(problems.isEmpty, "the validator says: \(problems)", sourceLocation: sourceLocation)
    }

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
            let id = try await h.submit().id
            try await h.transition(id, to: "in_verification")
            try await h.transition(id, to: "verified")
            try await h.change(.post, id, "/referrals", json: ["bodyName": "District akimiat"])
            try await h.change(.post, id, "/publication", json: ["title": ["ru": "Заголовок"], "summary": ["ru": "Кратко"]])

            let services = try await h.send(.get, "/open311/v2/services.json", headers: [.acceptLanguage: "ru"])
            try await Self.expectValid(services.text, against: "services.json")
            #expect(services.text.contains("Образование"))
            let definition = try await h.send(.get, "/open311/v2/services/education.json")
            try await Self.expectValid(definition.text, against: "service-definition.json")
            #expect(definition.text.contains(#""code":"region_code""#))

            let requests = try await h.send(.get, "/open311/v2/requests.json")
            try await Self.expectValid(requests.text, against: "requests.json")
            let items = try requests.decoded(as: [Open311Request].self)
            #expect(items.first?.agency_responsible == "District akimiat")
            #expect(items.first?.status == "open")

            let publicID = try #require(items.first?.service_request_id)
            let single = try await h.send(.get, "/open311/v2/requests/\(publicID).json")
            try await Self.expectValid(single.text, against: "requests.json")
            #expect(try await h.send(.get, "/open311/v2/requests/\(UUID()).json").status == .notFound)
            // The validator itself rejects what breaks the standard.
            #expect(try await Self.violations(of: #"[{"status": "pending"}]"#, against: "requests.json") != "")
        }
    }

    /// End to end: a partner's API key, checked by the gateway, reaches appeals as that partner.
    @Test func partnersSubmitWithAnAPIKeyAndThePublicCannot() async throws {
        try await AppealsThroughGateway.with { h in
            let admin = try await h.token()
            let key = try await h.apiKey(for: try await h.organization(admin: admin), admin: admin)
            let form = "service_code=labour&description=Unpaid%20wages%20for%20three%20months&region_code=KG-J&first_name=Bakyt&phone=%2B996555000111"
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[HTTPField.Name("X-API-Key")!] = key
            let created = try await h.client.execute(uri: "/open311/v2/requests.json", method: .post, headers: headers, body: ByteBuffer(string: form))
            #expect(created.status == .created)
            let id = try #require(try created.decoded(as: [Open311Request].self).first?.service_request_id)
            let appeal = try await h.send(.get, "/api/v1/appeals/\(id)", token: admin).decoded(as: AppealView.self)
            #expect(appeal.channel == "partner")
            #expect(appeal.submitter?.name == "Bakyt")
            #expect(appeal.consent?["publication"] == false)

            let anonymous = try await h.client.execute(
                uri: "/open311/v2/requests.json", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form))
            #expect(anonymous.status == .unauthorized)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let missingRegion = try await h.client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: headers,
                body: ByteBuffer(string: "service_code=labour&description=x"))
            #expect(missingRegion.status == .unprocessableContent)
            // The standard's JSON error list, one entry per invalid field, with our stable code beside its status.
            let errors = try missingRegion.decoded(as: [Open311Error].self)
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
    /// What the tests read of an OpenAPI document.
    struct Document: Decodable {
        let openapi: String
        let paths: FieldNames
        let components: Components

        struct Components: Decodable { let schemas: FieldNames }
    }

    @Test func theGatewayServesTheAppealsDocumentMergedIntoItsOwn() async throws {
        try await AppealsThroughGateway.with { h in
            let response = try await h.send(.get, "/openapi.json")
            #expect(response.status == .ok)
            let document = try response.decoded(as: Document.self)
            #expect(document.openapi == "3.1.0")
            let paths = document.paths.names
            for path in [
                "/api/v1/appeals", "/api/v1/appeals/{id}/transitions", "/api/v1/appeals/published", "/open311/v2/requests.json",
                "/open311/v2/requests.xml", "/open311/v2/services/{file}", "/open311/discovery.xml",
            ] {
                #expect(paths.contains(path), "\(path) is not documented")
            }
            #expect(document.components.schemas.names.contains("NewAppeal"))
        }
    }
}
