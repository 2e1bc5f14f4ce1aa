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

/// `/organizations`: coordinators see the directory and add an organisation in the browser (so a new deployment
/// can name its first indicator's owner without the API), with the rules' messages next to the fields.
@Suite struct OrganizationPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aCoordinatorAddsAnOrganisationInTheBrowser(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()

            // The public is sent to sign in; a stakeholder may not manage the directory.
            let anonymous = try await PageVisitor(gateway.client).open("/organizations/new")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in?next=/organizations/new")
            _ = try await gateway.createUser(email: "observer@example.org", roles: [.stakeholder], token: admin)
            let stakeholder = try await LogframePagesTests.signedIn(gateway, "observer@example.org")
            #expect(try await stakeholder.open("/organizations").status == .forbidden)
            #expect(try await stakeholder.open("/organizations/new").status == .forbidden)

            _ = try await gateway.createUser(email: "coordinator@example.org", roles: [.coordinator], token: admin)
            let coordinator = try await LogframePagesTests.signedIn(gateway, "coordinator@example.org")
            #expect(try await coordinator.open("/organizations?lang=ru").text.contains("Организаций пока нет."))
            // The indicator form, whose owner is chosen from the directory, leads here.
            #expect(try await coordinator.open("/logframe/new").text.contains(#"<a href="/organizations/new">Добавить организацию</a>"#))

            // Fields the rules refuse come back next to them, in the person's language, with what was typed.
            let blank = try await coordinator.open("/organizations/new")
            #expect(blank.status == .ok)
            #expect(blank.text.contains(#"<option value="public_council">Общественный совет</option>"#))
            let nothing = try await coordinator.submit("/organizations/new", [("type", ""), ("name_ru", " ")])
            #expect(nothing.status == .unprocessableContent)
            #expect(nothing.text.contains(#"<p class="field-error" id="f-type-error">Выберите вид организации.</p>"#))
            #expect(nothing.text.contains(#"<p class="field-error" id="f-name-error">Укажите название хотя бы на одном языке.</p>"#))
            let noRegion = try await coordinator.submit("/organizations/new", [("type", "public_council"), ("name_ru", "Нарынский совет")])
            #expect(noRegion.status == .unprocessableContent)
            #expect(noRegion.text.contains(#"id="f-regionCode-error">Для общественного совета нужен регион"#))
            #expect(noRegion.text.contains(#"value="Нарынский совет""#))
            #expect(noRegion.text.contains(#"<option value="public_council" selected>"#))
            let longName = String(repeating: "ы", count: 301)
            let tooLong = try await coordinator.submit(
                "/organizations/new", [("type", "cso"), ("name_ky", longName), ("name_ru", "НКО"), ("regionCode", "KG-Z")])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains(#"id="f-name_ky-error">Не больше 300 символов."#))
            #expect(tooLong.text.contains(#"id="f-regionCode-error">"#))
            #expect(try await Self.organizations(gateway, admin).isEmpty)

            // A form without its token is refused and adds nothing.
            let forged = try await coordinator.submit(
                "/organizations/new", [("csrf", "forged"), ("type", "cso"), ("name_en", "Forged")])
            #expect(forged.status == .forbidden)
            #expect(try await Self.organizations(gateway, admin).isEmpty)

            let added = try await coordinator.submit(
                "/organizations/new", [("type", "public_council"), ("name_ky", "Нарын коомдук кеңеши"), ("name_ru", "Нарынский совет"), ("regionCode", "KG-N")])
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/organizations")
            let organization = try #require(try await Self.organizations(gateway, admin).first)
            #expect(organization.type == .publicCouncil)
            #expect(organization.regionCode == .naryn)
            #expect(organization.name.ru == "Нарынский совет" && organization.name.en == nil)
            let list = try await coordinator.open("/organizations").text
            #expect(list.contains(#"<th scope="row">Нарынский совет</th><td>Общественный совет</td><td>Нарынская область</td><td>Действует</td>"#))
            let owner = organization.id.uuidString.lowercased()
            #expect(try await coordinator.open("/logframe/new").text.contains(#"<option value="\#(owner)">Нарынский совет</option>"#))
            let audit = try await gateway.auditEntries(adminToken: admin, query: "&action=organization.created")
            #expect(audit.map(\.targetId) == [organization.id.uuidString.lowercased()])
        }
    }

    /// The list pages through the directory, disabled organisations included and said to be.
    @Test func theListPagesThroughEveryOrganisation() async throws {
        try await GatewayHarness.with(.sqlite) { gateway in
            let admin = try await gateway.adminToken()
            var ids: [UUID] = []
            for _ in 0...PageRequest.defaultLimit { ids.append(try await gateway.createOrganization(token: admin)) }
            let eTag = try #require(try await gateway.send(.get, "/api/v1/organizations/\(ids[0])", token: admin).headers[.eTag])
            let disabled = try await gateway.send(.post, "/api/v1/organizations/\(ids[0])/disable", token: admin, headers: [.ifMatch: eTag])
            #expect(disabled.status == .ok)
            _ = try await gateway.createUser(email: "coordinator@example.org", roles: [.coordinator], token: admin)
            let coordinator = try await LogframePagesTests.signedIn(gateway, "coordinator@example.org")
            let first = try await coordinator.open("/organizations?lang=en").text
            #expect(first.components(separatedBy: "<th scope=\"row\">").count - 1 == PageRequest.defaultLimit)
            #expect(first.contains("<td>Disabled</td>"))
            let next = try #require(first.firstMatch(of: /href="(\/organizations\?cursor=[^"]+)"/)?.1)
            let second = try await coordinator.open(String(next)).text
            #expect(second.components(separatedBy: "<th scope=\"row\">").count - 1 == 1)
            #expect(!second.contains("?cursor="))
            #expect(try await coordinator.open("/organizations?cursor=nonsense").status == .badRequest)
        }
    }

    /// The texts the pages' code looks up itself are in every catalogue.
    @Test func theOrganisationPagesTextsAreInEveryCatalogue() throws {
        let renderer = try PageRenderer.embedded(formKey: SymmetricKey(size: .bits256))
        for language in Language.allCases {
            for key in OrganizationPagesController.catalogueKeys {
                #expect(renderer.translations.texts(language)[key]?.isEmpty == false, "\(key) in \(language.rawValue)")
            }
        }
    }

    static func organizations(_ gateway: GatewayHarness, _ token: String) async throws -> [Organization] {
        try await gateway.send(.get, "/api/v1/organizations", token: token).decoded(as: Listing<Organization>.self).items
    }
}
