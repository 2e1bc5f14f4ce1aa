import Foundation
import Models
import ServiceKit

/// The dashboard page's values for one region in detail (`region` in `dashboard.mustache`), drawn as the
/// country's indicators are, and the choice of a region for those who may pick one.
struct RegionalDashboardPage {
    let dashboard: Dashboard
    /// Whether the reader gets the choice of a region (``canChooseRegion(_:)``).
    let canChooseRegion: Bool
    let language: Language
    let texts: [String: String]

    /// Whether `identity` may pick a region: a council member sees their own region and no choice, as any other
    /// would be refused.
    static func canChooseRegion(_ identity: Identity?) -> Bool {
        let isCouncilMember = identity?.isPerson == true && identity?.hasAnyRole([.councilMember]) == true
        return !isCouncilMember || LogframeAccess.seesEverything(identity)
    }

    var values: [String: Any] {
        let chosen = dashboard.region?.regionCode
        var values: [String: Any] = [
            "canChooseRegion": canChooseRegion,
            "regionChoices": Region.allCases.map { region in
                ["code": region.code, "name": region.name.text(preferring: [language]), "isSelected": region.code == chosen] as [String: Any]
            },
        ]
        guard let regional = dashboard.region, let region = Region(rawValue: regional.regionCode) else { return values }
        let page = DashboardPage(
            dashboard: Dashboard(from: dashboard.from, to: dashboard.to, isExact: regional.isExact, indicators: regional.indicators), language: language,
            texts: texts)
        // The region's sections get anchors of their own, so that no id repeats the country's.
        let indicators = (page.values["indicators"] as? [[String: Any]] ?? []).enumerated().map { index, indicator in
            indicator.merging(["anchor": "r\(index + 1)"]) { $1 }
        }
        values["region"] = ["name": region.name.text(preferring: [language]), "isExact": regional.isExact, "indicators": indicators] as [String: Any]
        return values
    }
}
