import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import TestSupport
import Testing

/// Open311 as a partner's developer meets it: an independent GeoReport v2 client (`georeport` on PyPI,
/// which `.ci/run` installs) reads services, a service definition, requests and one request in XML and
/// JSON through a live gateway, and posts a request with the spec's `api_key` form field. `georeport` has
/// no POST of its own, so the POST uses the libraries it parses with (`requests`, `xmltodict`).
@Suite struct Open311ClientTests {
    /// What the client saw in one format.
    struct Seen: Decodable {
        let services: [String]
        let attribute: String
        let requests: [String]
        let description: String
        let status: Int
        let created: String
    }

    static let client = """
        import json, os, sys, requests, xmltodict
        from georeport import GeoReport
        os.environ["NO_PROXY"] = "127.0.0.1"
        root, key, public_id, description = sys.argv[1:5]
        def listed(value): return value if isinstance(value, list) else [value]
        seen = {}
        for fmt in ("json", "xml"):
            client = GeoReport(root, api_key=key, output_format=fmt)
            services = listed(client.get_service_list())
            attributes = client.get_service_definition("education")["attributes"]
            if fmt == "xml": attributes = listed(attributes["attribute"])
            found = listed(client.get_service_requests())
            one = client.get_service_request(public_id)
            if fmt == "xml": one = listed(one)[0]
            form = {"api_key": key, "service_code": "labour", "description": description, "attribute[region_code]": "KG-J"}
            created = requests.post(f"{root}/requests.{fmt}", data=form)
            body = created.json() if fmt == "json" else listed(xmltodict.parse(created.content)["service_requests"]["request"])
            seen[fmt] = {"services": sorted(s["service_code"] for s in services), "attribute": attributes[0]["code"],
                         "requests": [r["service_request_id"] for r in found], "description": one["description"],
                         "status": created.status_code, "created": body[0]["service_request_id"]}
        print(json.dumps(seen))
        """

    @Test(arguments: TestDatabases.kinds)
    func aGeoReportClientReadsAndWritesInXMLAndJSONWithTheSpecsAPIKey(kind: DatabaseKind) async throws {
        try await AppealsThroughGateway.with(kind, gateway: .live) { h in
            let admin = try await h.token()
            let markup = #"Refused <&>"' enrolment"#
            let id = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).decoded(as: Receipt.self).id
            try await h.transition(id, to: "in_verification", token: admin)
            try await h.transition(id, to: "verified", token: admin)
            try await h.change(.post, id, "/publication", token: admin, json: ["title": ["en": "A school"], "summary": ["en": markup]])
            let published = try await h.send(.get, "/open311/v2/requests.json").decoded(as: [Open311Request].self)
            let publicID = try #require(published.first?.service_request_id)
            let key = try await h.apiKey(for: try await h.organization(admin: admin), admin: admin)

            let root = "http://127.0.0.1:\(try #require(h.client.port))/open311/v2"
            let outcome = try await ExternalCommand.run(["python3", "-c", Self.client, root, key, publicID, "Unpaid wages \(markup)"])
            try #require(outcome.status == 0, "\(outcome.output)")
            let lastLine = String(outcome.output.split(separator: "\n").last ?? "")
            let seen = try JSONDecoder().decode([String: Seen].self, from: Data(lastLine.utf8))
            #expect(seen.keys.sorted() == ["json", "xml"])
            for (format, saw) in seen {
                #expect(saw.services.contains("education") && saw.services.contains("labour"), "\(format)")
                #expect(saw.attribute == "region_code", "\(format)")
                #expect(saw.requests == [publicID], "\(format)")
                // Escaped in XML, and read back by the client exactly as written.
                #expect(saw.description == markup, "\(format)")
                #expect(saw.status == 201, "\(format)")
                // The form reached appeals unchanged: the key authenticated, the region attribute and text intact.
                let appeal = try await h.send(.get, "/api/v1/appeals/\(saw.created)", token: admin).decoded(as: AppealView.self)
                #expect(appeal.channel == "partner", "\(format)")
                #expect(appeal.regionCode == "KG-J", "\(format)")
                #expect(appeal.description == "Unpaid wages \(markup)", "\(format)")
            }
        }
    }

    /// End to end, for the forged form key the gateway must refuse.
    @Test func xmlEscapesMarkupAndErrorsAreTheStandardsList() async throws {
        try await AppealsThroughGateway.with { h in
            let admin = try await h.token()
            let id = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).decoded(as: Receipt.self).id
            try await h.transition(id, to: "in_verification", token: admin)
            try await h.transition(id, to: "verified", token: admin)
            try await h.change(.post, id, "/publication", token: admin, json: ["title": ["en": "A school"], "summary": ["en": #"a <b> & "c" 'd'"#]])
            let list = try await h.send(.get, "/open311/v2/requests.xml")
            #expect(list.headers[.contentType] == "text/xml; charset=utf-8")
            #expect(list.text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
            #expect(list.text.contains("<description>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;</description>"))
            #expect(list.text.contains("<service_requests><request>"))

            let missing = try await h.send(.get, "/open311/v2/requests/\(UUID()).xml")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/xml; charset=utf-8")
            #expect(missing.text.contains("<errors><error><code>404</code><description>"))
            #expect(try await h.send(.get, "/open311/v2/services/no_such_service.json").status == .notFound)
            #expect(try await h.send(.get, "/open311/v2/services/education.xml").text.contains("<attribute><code>region_code</code>"))

            // A key in the form that is not a key is refused like one in the header.
            let forged = try await h.client.execute(
                uri: "/open311/v2/requests.xml", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "api_key=not-a-key&service_code=labour&description=x&region_code=KG-J"))
            #expect(forged.status == .unauthorized)
        }
    }

    @Test func theDiscoveryDocumentIsPublicInBothFormats() async throws {
        try await AppealsHarness.with { h in
            struct Discovery: Decodable {
                let endpoints: [Endpoint]
                struct Endpoint: Decodable {
                    let url: String
                    let formats: [String]
                }
            }
            let json = try await h.send(.get, "/open311/discovery.json")
            #expect(json.status == .ok)
            let endpoint = try #require(try json.decoded(as: Discovery.self).endpoints.first)
            #expect(endpoint.url == "/open311/v2")
            #expect(endpoint.formats == ["application/json", "text/xml"])
            let xml = try await h.send(.get, "/open311/discovery.xml")
            #expect(xml.status == .ok)
            #expect(xml.text.contains("<formats><format>application/json</format><format>text/xml</format></formats>"))
        }
    }
}
