import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// `/logframe`: coordinators set an indicator's targets in the browser, with the version in the form, errors
/// next to the rows in the person's language, and an edit made meanwhile never overwritten.
@Suite struct LogframePagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aCoordinatorSetsTargetsInTheBrowser(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let owner = try await gateway.createOrganization(token: admin)
            let created = try await gateway.send(.post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "1.1", owner: owner))
            let indicator = try created.decoded(as: LogframeIndicatorView.self)
            let form = "/logframe/\(indicator.id.uuidString.lowercased())/targets"

            // The public is sent to sign in; a stakeholder may not manage the logframe.
            let anonymous = try await PageVisitor(gateway.client).open("/logframe")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in?next=/logframe")
            _ = try await gateway.createUser(email: "observer@example.org", roles: [.stakeholder], token: admin)
            let stakeholder = try await Self.signedIn(gateway, "observer@example.org")
            #expect(try await stakeholder.open("/logframe").status == .forbidden)

            _ = try await gateway.createUser(email: "coordinator@example.org", roles: [.coordinator], token: admin)
            let coordinator = try await Self.signedIn(gateway, "coordinator@example.org")
            let list = try await coordinator.open("/logframe?lang=ru")
            #expect(list.status == .ok)
            #expect(list.text.contains("1.1 Получено обращений"))
            #expect(list.text.contains("href=\"\(form)\""))
            #expect(try await coordinator.open("/dashboard").text.contains(#"<a href="/logframe">"#))
            #expect(try await stakeholder.open("/dashboard").text.contains(#"<a href="/logframe">"#) == false)

            // A value that is not a number, then a period that is not one: the form again, the message by the row.
            try await coordinator.open(form)
            let notANumber = try await coordinator.submit(form, [("version", "1"), ("period_0", "2026"), ("value_0", "много")])
            #expect(notANumber.status == .unprocessableContent)
            #expect(notANumber.text.contains(#"<span class="error" id="value-0-error">Должно быть число от 0 (для процентов не больше 100).</span>"#))
            #expect(notANumber.text.contains(#"value="много""#))
            let badPeriod = try await coordinator.submit(
                form, [("version", "1"), ("period_0", "2026"), ("value_0", "5"), ("period_1", "2026-13"), ("value_1", "1")])
            #expect(badPeriod.status == .unprocessableContent)
            #expect(badPeriod.text.contains(#"aria-invalid="true" aria-describedby="period-1-error""#))
            #expect(badPeriod.text.contains("Должен быть год (2026) или месяц (2026-06)."))
            let twice = try await coordinator.submit(form, [("version", "1"), ("period_0", "2026"), ("value_0", "5"), ("period_1", "2026"), ("value_1", "1")])
            #expect(twice.text.contains("Каждый период — только один раз"))

            let saved = try await coordinator.submit(
                form, [("version", "1"), ("period_0", "2026"), ("value_0", "150"), ("period_2", "2027-06"), ("value_2", "12,5")])
            #expect(saved.status == .seeOther)
            let read = try await gateway.send(.get, "\(LogframeFixture.path)/\(indicator.id)", token: admin).decoded(as: LogframeIndicatorView.self)
            #expect(read.targets.map(\.period) == ["2026", "2027-06"])
            #expect(read.targets.map(\.value) == [150, 12.5])
            #expect(read.version == 2)

            // Someone else saves meanwhile: the stale form is answered with the targets as they now stand.
            try await coordinator.open(form)
            let eTag = try #require(try await gateway.send(.get, "\(LogframeFixture.path)/\(indicator.id)", token: admin).headers[.eTag])
            let other = try await gateway.send(
                .put, "\(LogframeFixture.path)/\(indicator.id)/targets", token: admin, json: #"{"targets":[{"period":"2028","value":7}]}"#,
                headers: [.ifMatch: eTag])
            #expect(other.status == .ok)
            let stale = try await coordinator.submit(form, [("version", "2"), ("period_0", "2026"), ("value_0", "1")])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("кто-то другой изменил эти цели"))
            #expect(stale.text.contains(#"name="period_0" value="2028""#))
            let after = try await gateway.send(.get, "\(LogframeFixture.path)/\(indicator.id)", token: admin).decoded(as: LogframeIndicatorView.self)
            #expect(after.targets.map(\.period) == ["2028"])

            // A form without its token is refused and changes nothing.
            let forged = try await coordinator.submit(form, [("csrf", "forged"), ("version", "3"), ("period_0", "2030"), ("value_0", "1")])
            #expect(forged.status == .forbidden)
        }
    }

    static func signedIn(_ gateway: GatewayHarness, _ email: String) async throws -> PageVisitor {
        let visitor = PageVisitor(gateway.client)
        try await visitor.open("/sign-in")
        let response = try await visitor.submit("/sign-in", [("email", email), ("password", "a long enough password")])
        guard response.status == .seeOther else { throw HarnessError("signing in as \(email) failed: \(response.status)") }
        return visitor
    }
}
