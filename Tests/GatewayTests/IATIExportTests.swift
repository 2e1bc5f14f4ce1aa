import Appeals
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

/// `GET /api/v1/iati/activities.xml`: the programme as an IATI 2.03 activity, valid against the official
/// schema (`../shared/standards/iati-2.03/`, checked with Python's xmlschema), with the actuals of real appeals.
@Suite struct IATIExportTests {
    /// The official schemas, in the shared folder beside the repository.
    static let schema = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/standards/iati-2.03/iati-activities-schema.xsd")

    /// What xmlschema finds wrong with `xml`; empty when it is valid.
    /// Records the validator's report when `xml` is not a valid IATI activity document.
    static func expectValid(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let problems = try await violations(of: xml)
        #expect(problems.isEmpty, "the validator says: \(problems)", sourceLocation: sourceLocation)
    }

    static func violations(of xml: String) async throws -> String {
        let script = """
            import sys, xmlschema
            schema = xmlschema.XMLSchema(sys.argv[1])
            errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(sys.stdin.read())]
            print("\\n".join(errors))
            sys.exit(1 if errors else 0)
            """
        let outcome = try await ExternalCommand.run(["python3", "-c", script, schema.path], input: xml)
        return outcome.status == 0 ? "" : (outcome.output.isEmpty ? "validator exited \(outcome.status)" : outcome.output)
    }

    @Test(arguments: TestDatabases.kinds)
    func theActivityWithItsResultsIsValidIATI(kind: DatabaseKind) async throws {
        try await ServiceHarness.run(AppealsService.definition, on: kind, setup: .live) { appeals in
            let settings = ["gateway.iati.activity.id": "XM-TEST-OCOM-1"]
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], on: kind, settings: settings) { running in
                let gateway = GatewayHarness(client: running.client)
                let admin = try await gateway.adminToken()
                let owner = try await gateway.createOrganization(token: admin)
                let month = DashboardTests.month
                let year = String(month.prefix(4))
                let targets = #"[{"period":"\#(year)","value":40},{"period":"\#(month)","value":5},{"period":"2099","value":1}]"#
                var created = try await gateway.send(
                    .post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "1.1", owner: owner, targets: targets))
                #expect(created.status == .created)
                created = try await gateway.send(
                    .post, LogframeFixture.path, token: admin,
                    json: #"""
                        {"code":"2.1","name":{"en":"Rights & \"remedies\" <heard>","ky":"Укуктар"},"unit":"percentage",
                         "sourceIndicator":"appeals.published","baseline":{"period":"2025-06","value":12.5},
                         "targets":[{"period":"\#(year)","value":60}],"ownerId":"\#(owner.uuidString)","visibility":"stakeholders"}
                        """#)
                #expect(created.status == .created)
                for region in Array(repeating: "KG-N", count: 3) + Array(repeating: "KG-C", count: 7) {
                    let body =
                        #"{"channel":"web","regionCode":"\#(region)","categoryCode":"education","language":"ky","#
                        + #""description":"The school refuses to enrol my daughter.","consent":{"contact":false,"publication":false}}"#
                    #expect(try await gateway.send(.post, "/api/v1/appeals", json: body).status == .created)
                }

                let open = try await gateway.send(.get, IATIController.path)
                #expect(open.status == .ok)
                #expect(open.headers[.contentType] == "application/xml; charset=utf-8")
                try await Self.expectValid(open.text)
                #expect(open.text.contains("<iati-identifier>XM-TEST-OCOM-1</iati-identifier>"))
                #expect(open.text.contains(#"<narrative xml:lang="ru">Получено обращений</narrative>"#))
                #expect(
                    open.text.contains(
                        #"<period-start iso-date="\#(year)-01-01"/><period-end iso-date="\#(year)-12-31"/><target value="40"/><actual value="10"/>"#))
                // The public sees Naryn's 3 as suppressed, with a comment instead of a value.
                #expect(open.text.contains(#"<actual><dimension name="region" value="KG-N"/><comment>"#))
                #expect(!open.text.contains("2.1"))
                #expect(open.text.contains(#"<period-start iso-date="2099-01-01"/><period-end iso-date="2099-12-31"/><target value="1"/></period>"#))

                let stakeholder = try await gateway.signedInUser([.stakeholder], adminToken: admin).token
                let exact = try await gateway.send(.get, IATIController.path, token: stakeholder)
                try await Self.expectValid(exact.text)
                #expect(exact.text.contains(#"<actual value="3"><dimension name="region" value="KG-N"/></actual>"#))
                #expect(exact.text.contains(#"<indicator measure="2" ascending="1"><title><narrative xml:lang="ky">Укуктар</narrative>"#))
                #expect(exact.text.contains("Rights &amp; &quot;remedies&quot; &lt;heard&gt;"))
                #expect(exact.text.contains(#"<baseline year="2025" iso-date="2025-06-01" value="12.50"/>"#))
            }
        }
    }

    @Test func periodsEndOnTheirLastDay() {
        #expect(IATIActivityDocument.lastDay(of: "2028-02") == "2028-02-29")
        #expect(IATIActivityDocument.lastDay(of: "2026-02") == "2026-02-28")
        #expect(IATIActivityDocument.lastDay(of: "2026-11") == "2026-11-30")
        #expect(IATIActivityDocument.lastDay(of: "2026") == "2026-12-31")
        #expect(XMLText.escaped("a\u{1}<b>") == "a&lt;b&gt;")
    }

    @Test func identifiersComeFromSettingsAndMalformedOnesStopStartUp() throws {
        func settings(_ values: [String: String]) throws -> IATISettings {
            var config: [AbsoluteConfigKey: ConfigValue] = [:]
            for (key, value) in values { config[AbsoluteConfigKey(stringLiteral: key)] = .init(.string(value), isSecret: false) }
            return try IATISettings(reader: ConfigReader(provider: InMemoryProvider(name: "test", values: config)))
        }
        let defaults = try settings([:])
        #expect(defaults.activityID == "XM-OPENMEDIA-KG-OCOM")
        #expect(try settings(["gateway.iati.reporting.org.ref": "GB-COH-123"]).activityID == "GB-COH-123-OCOM")
        #expect(throws: ConfigurationError.self) { try settings(["gateway.iati.start.date": "2025-13-01"]) }
        #expect(throws: ConfigurationError.self) { try settings(["gateway.iati.activity.id": "has a space"]) }
        do {
            _ = try settings(["gateway.iati.end.date": "soon"])
        } catch let error as ConfigurationError {
            #expect(error.setting == "GATEWAY_IATI_END_DATE")
        }
    }
}
