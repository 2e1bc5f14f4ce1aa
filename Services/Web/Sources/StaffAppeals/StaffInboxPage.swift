import Foundation
import Models

/// The values of the inbox's template: the filter form as it was sent, the overdue count, the rows and the
/// link to the next page.
struct StaffInboxPage {
    let filter: StaffInboxFilter
    let page: StaffAppealPage
    let categories: [String: LocalizedText]
    let language: Language
    let texts: [String: String]

    var title: String { texts["staff_inbox_title"] ?? "" }

    var values: [String: Any] {
        var values: [String: Any] = [
            "statuses": StaffAppealStatus.allCases.map { status in
                ["value": status.rawValue, "label": texts["staff_status_\(status.rawValue)"] ?? status.rawValue, "isSelected": status == filter.status]
            },
            "regions": Region.allCases.map { region in
                ["value": region.rawValue, "label": region.name.text(preferring: [language]), "isSelected": region == filter.region]
            },
            "categories": categories.sorted { $0.key < $1.key }.map { code, name in
                ["value": code, "label": name.text(preferring: [language]), "isSelected": code == filter.category]
            },
            "isOverdueOnly": filter.isOverdueOnly,
            "isAssignedToMe": filter.isAssignedToMe,
            "overdueCount": page.overdueCount,
            "rows": page.items.map(row),
            "isEmpty": page.items.isEmpty,
        ]
        values["nextPage"] = page.nextCursor.map(filter.pagePath(cursor:))
        return values
    }

    private func row(_ appeal: StaffAppeal) -> [String: Any] {
        var values: [String: Any] = [
            "href": "/staff/appeals/\(appeal.id.uuidString.lowercased())", "shortID": StaffCasePage.shortID(appeal.id),
            "status": texts["staff_status_\(appeal.status.rawValue)"] ?? appeal.status.rawValue,
            "region": appeal.regionCode.name.text(preferring: [language]), "due": StaffDates.day(appeal.responseDueAt, language),
            "isOverdue": appeal.isOverdue,
        ]
        values["category"] = appeal.categoryCode.map { categories[$0]?.text(preferring: [language]) ?? $0 }
        values["received"] = appeal.receivedAt.map { StaffDates.dateTime($0, language) }
        return values
    }
}
