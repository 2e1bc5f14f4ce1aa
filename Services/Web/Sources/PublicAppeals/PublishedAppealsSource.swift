import Foundation
import Models
import ServiceKit

/// Published appeals as the public reads them from appeals (the list, a detail, the home page's latest), and
/// their template values in the page's language.
struct PublishedAppealsSource: Sendable {
    let api: PageAPI

    /// Appeals on one page of the list.
    static let pageSize = 20
    /// Appeals the home page shows.
    static let latestCount = 5

    /// One page of published appeals matching `filter`.
    func page(_ filter: PublishedFilter, limit: Int = pageSize, context: ServiceRequestContext) async -> PageAPI.Outcome<AppealsWire.PublishedPage> {
        await api.get("appeals", filter.apiPath(limit: limit), as: AppealsWire.PublishedPage.self, context: context)
    }

    /// The published appeal with public ID `id`, with its published responses.
    func appeal(_ id: UUID, context: ServiceRequestContext) async -> PageAPI.Outcome<AppealsWire.PublishedAppeal> {
        await api.get("appeals", "/api/v1/appeals/published/\(id.uuidString.lowercased())", as: AppealsWire.PublishedAppeal.self, context: context)
    }

    /// Every category, retired ones too (a published appeal keeps its category), by code; empty when appeals
    /// cannot be reached, and the pages then show codes.
    func categories(context: ServiceRequestContext) async -> [AppealsWire.Entry] {
        guard
            case .success(let entries, _) = await api.get(
                "appeals", "/api/v1/appeals/categories?includeRetired=true", as: AppealsWire.Entries.self, context: context)
        else { return [] }
        return entries.items
    }

    /// The template values of `appeal` in `language`: title, summary, region, category, status and day.
    static func values(
        _ appeal: AppealsWire.PublishedAppeal, categories: [AppealsWire.Entry], texts: [String: String], language: Language
    ) -> [String: Any] {
        let title = ShownText(appeal.title, in: language)
        let summary = ShownText(appeal.summary, in: language)
        let category = categories.first { $0.code == appeal.categoryCode }.map { ShownText($0.name, in: language).text } ?? appeal.categoryCode
        var values: [String: Any] = [
            "id": appeal.id.uuidString.lowercased(), "title": title.text, "summary": summary.text,
            "region": appeal.regionCode.name.text(preferring: [language]), "category": category,
            "status": texts[appeal.status.textKey] ?? "", "publishedOn": appeal.publishedOn,
            "publishedOnText": PageDates.day(iso: appeal.publishedOn, in: language),
        ]
        values["titleLanguage"] = title.otherLanguage
        values["summaryLanguage"] = summary.otherLanguage
        values["locality"] = appeal.locality
        return values
    }

    /// The template values of responses, newest last, with how each was given ("answered on air").
    static func values(_ responses: [AppealsWire.PublicResponse], texts: [String: String], language: Language) -> [[String: Any]] {
        responses.map { response in
            var values: [String: Any] = [
                "text": response.text, "channel": texts[response.channel.textKey] ?? "", "at": PageDates.rfc3339(response.at),
                "atText": PageDates.day(response.at, in: language),
            ]
            values["reference"] = response.reference
            if let onAir = response.onAir {
                // The approved summary in the reader's language, not the one appeals keeps for staff.
                let summary = ShownText(onAir.summary, in: language)
                let title = ShownText(onAir.episodeTitle, in: language)
                values["text"] = summary.text
                values["textLanguage"] = summary.otherLanguage
                var episode: [String: Any] = [
                    "episodeTitle": title.text, "answeredOn": onAir.answeredOn, "answeredOnText": PageDates.day(iso: onAir.answeredOn, in: language),
                ]
                episode["titleLanguage"] = title.otherLanguage
                episode["replayURL"] = onAir.replayURL
                values["onAir"] = episode
            }
            return values
        }
    }
}
