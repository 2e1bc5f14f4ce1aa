import Appeals
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

/// One region of the dashboard in detail: a council member's own, exactly, on the page and through the API;
/// any region for staff and stakeholders; suppressed for the public.
@Suite struct RegionalDashboardTests {
    @Test(arguments: TestDatabases.kinds)
    func aCouncilMemberSeesTheirRegionExactlyAndNoOther(kind: DatabaseKind) async throws {
        try await Self.withAppealsInNarynAndChuy(kind) { running, gateway, admin in
            let month = DashboardTests.month
            let path = "/api/v1/dashboard?from=\(month)&to=\(month)"
            let naryn = try await gateway.createOrganization(type: "public_council", region: "KG-N", token: admin)
            let member = try await gateway.signedInUser([.councilMember], organization: naryn, adminToken: admin).token

            // Without asking, the council member gets their region exactly beside the country's public figures.
            let own = try await gateway.send(.get, path, token: member).decoded(as: DashboardView.self)
            #expect(!own.isExact)
            #expect(own.indicators[0].regions.first { $0.key == "KG-N" }?.actual.display == "<5")
            let region = try #require(own.region)
            #expect(region.regionCode == "KG-N")
            #expect(region.isExact)
            #expect(region.indicators.map(\.code) == ["1.1"])
            #expect(region.indicators[0].actual?.value == 3)
            #expect(region.indicators[0].months.first { $0.key == month }?.actual.value == 3)
            // By region would repeat the region itself.
            #expect(region.indicators[0].regions.isEmpty)
            #expect(try await gateway.send(.get, "\(path)&region=KG-N", token: member).decoded(as: DashboardView.self).region?.isExact == true)

            let other = try await gateway.send(.get, "\(path)&region=KG-C", token: member)
            #expect(other.status == .forbidden)
            #expect(other.problemCode == "region_not_yours")

            // Stakeholders see any region exactly; the public a region suppressed, and no region unless asked.
            let stakeholder = try await gateway.signedInUser([.stakeholder], adminToken: admin).token
            let chuy = try await gateway.send(.get, "\(path)&region=KG-C", token: stakeholder).decoded(as: DashboardView.self).region
            #expect(chuy?.isExact == true)
            #expect(chuy?.indicators[0].actual?.value == 7)
            let open = try await gateway.send(.get, "\(path)&region=KG-N").decoded(as: DashboardView.self).region
            #expect(open?.isExact == false)
            #expect(open?.indicators[0].actual?.display == "<5")
            #expect(open?.indicators[0].actual?.value == nil)
            #expect(try await gateway.send(.get, path).decoded(as: DashboardView.self).region == nil)
            #expect(try await gateway.send(.get, "\(path)&region=KG-X").problemCode == "invalid_query")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func thePageShowsTheCouncilMembersRegionInDetail(kind: DatabaseKind) async throws {
        try await Self.withAppealsInNarynAndChuy(kind) { running, gateway, admin in
            let month = DashboardTests.month
            let query = "?from=\(month)&to=\(month)"
            let naryn = try await gateway.createOrganization(type: "public_council", region: "KG-N", token: admin)
            _ = try await gateway.createUser(email: "member@example.org", roles: [.councilMember], organization: naryn, token: admin)
            let member = try await LogframePagesTests.signedIn(gateway, "member@example.org")

            let page = try await member.open("/dashboard\(query)&lang=en")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<h2 id="region-title">In detail: Naryn Region</h2>"#))
            #expect(page.text.contains(##"<a href="#region-title">Go to the detail of Naryn Region</a>"##))
            // The country's figures are the public's; the region's, exact.
            #expect(page.text.contains(#"<th scope="row">Naryn Region</th><td>&lt;5</td>"#))
            let detail = try #require(page.text.components(separatedBy: #"<div class="region-detail">"#).last)
            #expect(detail.contains("Achieved in the period: <strong>3</strong>"))
            #expect(detail.contains(#"<h2 id="indicator-r1">1.1 Appeals received</h2>"#))
            // No choice of another region, and asking for one is refused.
            #expect(!page.text.contains(#"name="region""#))
            #expect(try await member.open("/dashboard\(query)&region=KG-C").status == .forbidden)

            // A stakeholder chooses any region; the public sees the country alone unless they choose one.
            _ = try await gateway.createUser(email: "minister@example.org", roles: [.stakeholder], token: admin)
            let stakeholder = try await LogframePagesTests.signedIn(gateway, "minister@example.org")
            let chosen = try await stakeholder.open("/dashboard\(query)&region=KG-C&lang=ru")
            #expect(chosen.text.contains(#"<option value="KG-C" selected>Чуйская область</option>"#))
            #expect(chosen.text.contains(#"<h2 id="region-title">Подробно: Чуйская область</h2>"#))
            let publicPage = try await PageVisitor(running.client).open("/dashboard\(query)&lang=en")
            #expect(!publicPage.text.contains("region-detail"))
            #expect(publicPage.text.contains(#"<select id="region" name="region">"#))
            #expect(!publicPage.text.contains("style=") && !publicPage.text.contains("<script"))
        }
    }

    /// A gateway in front of appeals, with the public indicator 1.1 (appeals received) and this month 3 appeals
    /// from Naryn and 7 from Chüy.
    static func withAppealsInNarynAndChuy(
        _ kind: DatabaseKind, _ body: @Sendable (RunningService, GatewayHarness, String) async throws -> Void
    ) async throws {
        try await ServiceHarness.run(AppealsService.definition, on: kind, setup: .live) { appeals in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [appeals], on: kind) { running in
                let gateway = GatewayHarness(client: running.client)
                let admin = try await gateway.adminToken()
                let owner = try await gateway.createOrganization(token: admin)
                let indicator = LogframeFixture.indicator(code: "1.1", owner: owner)
                #expect(try await gateway.send(.post, LogframeFixture.path, token: admin, json: indicator).status == .created)
                for region in Array(repeating: "KG-N", count: 3) + Array(repeating: "KG-C", count: 7) {
                    let appeal =
                        #"{"channel":"web","regionCode":"\#(region)","categoryCode":"education","language":"ky","#
                        + #""description":"The school refuses to enrol my daughter.","consent":{"contact":false,"publication":false}}"#
                    #expect(try await gateway.send(.post, "/api/v1/appeals", json: appeal).status == .created)
                }
                try await body(running, gateway, admin)
            }
        }
    }

    /// The region's figures alone, by month and disaggregation, exact or suppressed as the country's.
    @Test func aRegionIsComposedFromItsFiguresAlone() {
        let period = DashboardCompositionTests.period
        let indicator = DashboardCompositionTests.indicator()
        let figures: [IndicatorFigure] =
            DashboardCompositionTests.figures + [
                .init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-N", dimensions: .init(sex: "female"), value: 2),
                .init(indicator: "appeals.received", period: "2026-01", regionCode: "KG-N", dimensions: .init(sex: "male"), value: 1),
            ]
        func compose(_ region: Region, exact: Bool) -> DashboardIndicator {
            DashboardComposer(period: period, isExact: exact, region: region).dashboard([indicator], figures: ["appeals": .figures(figures)]).indicators[0]
        }
        let naryn = compose(.naryn, exact: true)
        #expect(naryn.actual == .exact(3))
        #expect(DashboardCompositionTests.displays(naryn.months) == ["2026-01": "3", "2026-02": "0"])
        #expect(naryn.regions.isEmpty)
        let sex = naryn.breakdowns.first { $0.dimension == .sex }
        #expect(DashboardCompositionTests.displays(sex?.points ?? []) == ["female": "2", "male": "1", "other": "0", "undisclosed": "0"])
        #expect(compose(.chuy, exact: true).actual == .exact(9))

        let suppressed = compose(.naryn, exact: false)
        #expect(suppressed.actual == .suppressed)
        let publicSex = suppressed.breakdowns.first { $0.dimension == .sex }
        #expect(DashboardCompositionTests.displays(publicSex?.points ?? []) == ["female": "<5", "male": "<5", "other": "0", "undisclosed": "0"])
    }

    /// Who sees which region, and how.
    @Test func eachCallerSeesTheRegionsItMay() throws {
        func person(_ roles: Set<Role>, region: Region? = nil, subject: String = "user-1") -> Identity {
            .principal(Principal(subject: subject, roles: roles, organizationID: UUID(), organizationRegion: region))
        }
        let member = person([.councilMember], region: .naryn)
        #expect(RegionalDashboardAccess.ownRegion(of: member) == .naryn)
        #expect(try RegionalDashboardAccess.isExact(.naryn, for: member))
        #expect(throws: ServiceError.self) { try RegionalDashboardAccess.isExact(.chuy, for: member) }
        // A council without a region: every region is another council's.
        #expect(throws: ServiceError.self) { try RegionalDashboardAccess.isExact(.naryn, for: person([.councilMember])) }
        #expect(try RegionalDashboardAccess.isExact(.chuy, for: person([.coordinator])))
        #expect(try RegionalDashboardAccess.isExact(.chuy, for: person([.stakeholder])))
        #expect(try RegionalDashboardAccess.isExact(.chuy, for: person([.councilMember, .stakeholder], region: .naryn)))
        #expect(try !RegionalDashboardAccess.isExact(.naryn, for: .anonymous))
        #expect(try !RegionalDashboardAccess.isExact(.naryn, for: person([.journalist], region: .naryn)))
        // A partner's API key is never staff, whatever its roles say.
        let key = person([.councilMember], region: .naryn, subject: "apikey:1")
        #expect(RegionalDashboardAccess.ownRegion(of: key) == nil)
        #expect(try !RegionalDashboardAccess.isExact(.naryn, for: key))
        #expect(RegionalDashboardAccess.ownRegion(of: person([.journalist], region: .naryn)) == nil)
    }
}
