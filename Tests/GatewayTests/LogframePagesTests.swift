import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing
import Web

@testable import Gateway

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

    @Test(arguments: TestDatabases.kinds)
    func aCoordinatorCreatesEditsAndDeletesAnIndicatorInTheBrowser(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let owner = try await gateway.createOrganization(token: admin).uuidString.lowercased()

            // The public is sent to sign in; a stakeholder may read the logframe but not manage it.
            let anonymous = try await PageVisitor(gateway.client).open("/logframe/new")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in?next=/logframe/new")
            _ = try await gateway.createUser(email: "observer@example.org", roles: [.stakeholder], token: admin)
            let stakeholder = try await Self.signedIn(gateway, "observer@example.org")
            #expect(try await stakeholder.open("/logframe/new").status == .forbidden)

            _ = try await gateway.createUser(email: "coordinator@example.org", roles: [.coordinator], token: admin)
            let coordinator = try await Self.signedIn(gateway, "coordinator@example.org")
            #expect(try await coordinator.open("/logframe?lang=ru").text.contains(#"<a href="/logframe/new">Добавить показатель</a>"#))
            let blank = try await coordinator.open("/logframe/new")
            #expect(blank.status == .ok)
            #expect(blank.text.contains(#"<option value="\#(owner)">"#))
            #expect(blank.text.contains(#"name="disaggregation_ageBand" type="checkbox""#))
            #expect(!blank.text.contains("style=") && !blank.text.contains("<script"))

            // Fields the rules refuse come back next to them, in the person's language, with what was typed.
            let fields: [(String, String)] = [
                ("code", "3.1"), ("name_ru", "Проведено слушаний"), ("name_en", "Hearings held"), ("definition_en", "Public hearings held"),
                ("unit", "count"), ("sourceIndicator", "events-and-hearings.hearings_held"), ("disaggregation_region", "yes"), ("disaggregation_sex", "yes"),
                ("baseline_period", "2025"), ("baseline_value", "4"), ("ownerId", owner), ("visibility", "stakeholders"),
            ]
            let refused = try await coordinator.submit(
                "/logframe/new?lang=ru",
                Self.replacing(fields, [("code", "три"), ("name_ru", ""), ("name_en", ""), ("sourceIndicator", "nowhere.x"), ("baseline_value", "много")]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p class="field-error" id="f-code-error">Должны быть числа через точку, например 1.2.</p>"#))
            #expect(refused.text.contains(#"<p class="field-error" id="f-name-error">Укажите название хотя бы на одном языке.</p>"#))
            #expect(refused.text.contains(#"id="f-sourceIndicator-error">Должен быть показатель сервиса"#))
            #expect(refused.text.contains(#"id="f-baseline_value-error">Должно быть число от 0"#))
            #expect(refused.text.contains(#"value="три""#) && refused.text.contains(#"value="много""#))
            #expect(refused.text.contains(#"id="d-region" name="disaggregation_region" type="checkbox" value="yes" checked"#))
            #expect(try await Self.indicators(gateway, admin).isEmpty)

            let created = try await coordinator.submit("/logframe/new", fields)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/logframe")
            let indicator = try #require(try await Self.indicators(gateway, admin).first)
            #expect(indicator.code == "3.1")
            #expect(indicator.sourceIndicator == "events-and-hearings.hearings_held")
            #expect(indicator.disaggregations == ["sex", "region"])
            #expect(indicator.visibility == "stakeholders")
            #expect(indicator.version == 1)
            let twice = try await coordinator.submit("/logframe/new?lang=en", fields)
            #expect(twice.status == .conflict)
            #expect(twice.text.contains(#"id="f-code-error">Another indicator already has this code.</p>"#))

            // Editing: the form holds the indicator and its version; a saved change moves the version on.
            let edit = "/logframe/\(indicator.id.uuidString.lowercased())/edit"
            #expect(try await coordinator.open("/logframe").text.contains(#"href="\#(edit)""#))
            let form = try await coordinator.open(edit)
            #expect(form.text.contains(#"name="version" value="1""#))
            #expect(form.text.contains(#"name="name_en" type="text" lang="en" maxlength="300" value="Hearings held""#))
            let badPeriod = try await coordinator.submit(edit + "?lang=ky", Self.replacing(fields, [("version", "1"), ("baseline_period", "2025-13")]))
            #expect(badPeriod.status == .unprocessableContent)
            #expect(badPeriod.text.contains(#"id="f-baseline_period-error">Жыл (2026) же ай (2026-06) болушу керек.</p>"#))
            let changed = try await coordinator.submit(
                edit, Self.replacing(fields, [("version", "1"), ("name_en", "Public hearings held"), ("definition_en", ""), ("visibility", "public")]))
            #expect(changed.status == .seeOther)
            let read = try await gateway.send(.get, "\(LogframeFixture.path)/\(indicator.id)", token: admin)
            let saved = try read.decoded(as: LogframeIndicatorView.self)
            #expect(saved.version == 2)
            #expect(saved.visibility == "public")
            #expect(read.text.contains(#""en":"Public hearings held""#))
            #expect(!read.text.contains("definition"))

            // Someone else saves meanwhile: the stale form saves nothing and shows what was typed.
            try await coordinator.open(edit)
            let other = try await gateway.send(
                .patch, "\(LogframeFixture.path)/\(indicator.id)", token: admin, json: #"{"code":"3.2"}"#, headers: [.ifMatch: "\"2\""])
            #expect(other.status == .ok)
            let stale = try await coordinator.submit(edit + "?lang=en", Self.replacing(fields, [("version", "2"), ("name_en", "Mine")]))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone changed this indicator meanwhile"))
            #expect(stale.text.contains(#"<dd class="text">Mine</dd>"#))
            #expect(stale.text.contains(#"href="\#(edit)""#))
            let after = try await gateway.send(.get, "\(LogframeFixture.path)/\(indicator.id)", token: admin).decoded(as: LogframeIndicatorView.self)
            #expect(after.code == "3.2" && after.version == 3)

            // Deleting asks first, and a stale confirmation deletes nothing.
            let delete = "/logframe/\(indicator.id.uuidString.lowercased())/delete"
            let confirm = try await coordinator.open(delete)
            #expect(confirm.text.contains(#"name="version" value="3""#))
            #expect(try await coordinator.submit(delete, [("version", "2")]).status == .conflict)
            #expect(try await stakeholder.open(delete).status == .forbidden)
            #expect(try await coordinator.submit(delete, [("csrf", "forged"), ("version", "3")]).status == .forbidden)
            let deleted = try await coordinator.submit(delete, [("version", "3")])
            #expect(deleted.status == .seeOther)
            #expect(try await gateway.send(.get, "\(LogframeFixture.path)/\(indicator.id)", token: admin).status == .notFound)
            let audit = try await gateway.auditEntries(adminToken: admin, query: "&action=logframe.indicator_deleted")
            #expect(audit.map(\.targetId) == [indicator.id.uuidString.lowercased()])
        }
    }

    /// The texts the indicator form's code looks up itself are in every catalogue.
    @Test func theIndicatorFormsTextsAreInEveryCatalogue() throws {
        let renderer = try PageRenderer.embedded(formKey: SymmetricKey(size: .bits256))
        for language in Language.allCases {
            for key in LogframeIndicatorFormPage.catalogueKeys {
                #expect(renderer.translations.texts(language)[key]?.isEmpty == false, "\(key) in \(language.rawValue)")
            }
        }
    }

    /// `fields` with the values of `changes` in place of theirs (and any new ones added).
    static func replacing(_ fields: [(String, String)], _ changes: [(String, String)]) -> [(String, String)] {
        let changed = Dictionary(changes) { $1 }
        return fields.map { ($0.0, changed[$0.0] ?? $0.1) } + changes.filter { change in !fields.contains { $0.0 == change.0 } }
    }

    static func indicators(_ gateway: GatewayHarness, _ token: String) async throws -> [LogframeIndicatorView] {
        try await gateway.send(.get, LogframeFixture.path, token: token).decoded(as: Listing<LogframeIndicatorView>.self).items
    }

    static func signedIn(_ gateway: GatewayHarness, _ email: String) async throws -> PageVisitor {
        let visitor = PageVisitor(gateway.client)
        try await visitor.open("/sign-in")
        let response = try await visitor.submit("/sign-in", [("email", email), ("password", "a long enough password")])
        guard response.status == .seeOther else { throw HarnessError("signing in as \(email) failed: \(response.status)") }
        return visitor
    }
}
