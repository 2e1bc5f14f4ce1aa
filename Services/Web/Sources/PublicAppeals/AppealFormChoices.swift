import Models
import ServiceKit

/// The categories and vulnerable groups the appeal form offers: appeals' own lists, or the platform's
/// vocabularies when appeals cannot be reached (the form still shows, and keeps what was typed).
struct AppealFormChoices: Sendable {
    let categories: [AppealsWire.Entry]
    let vulnerableGroups: [AppealsWire.Entry]

    /// Appeals' active categories and vulnerable groups, asked for together.
    static func load(from api: PageAPI, context: ServiceRequestContext) async -> AppealFormChoices {
        async let categories = api.get("appeals", "/api/v1/appeals/categories", as: AppealsWire.Entries.self, context: context)
        async let groups = api.get("appeals", "/api/v1/appeals/vulnerable-groups", as: AppealsWire.Entries.self, context: context)
        var choices = fallback
        if case .success(let entries, _) = await categories, !entries.items.isEmpty {
            choices = AppealFormChoices(categories: entries.items, vulnerableGroups: choices.vulnerableGroups)
        }
        if case .success(let entries, _) = await groups, !entries.items.isEmpty {
            choices = AppealFormChoices(categories: choices.categories, vulnerableGroups: entries.items)
        }
        return choices
    }

    /// The platform's vocabularies, which appeals seeds its lists with.
    static let fallback = AppealFormChoices(
        categories: RightsTopic.allCases.map { AppealsWire.Entry(code: $0.rawValue, name: $0.label, isRetired: false) },
        vulnerableGroups: VulnerableGroup.allCases.map { AppealsWire.Entry(code: $0.rawValue, name: $0.label, isRetired: false) })
}
