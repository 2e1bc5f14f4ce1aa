import Foundation
import Models

/// The template values of an event and its agenda in the page's language, shared by the public and staff pages.
enum EventValues {
    /// The values of `event`: title, type, format, status, when (in Bishkek) and where.
    static func of(_ event: EventsWire.Event, texts: [String: String], language: Language) -> [String: Any] {
        let title = ShownText(event.title, in: language)
        var values: [String: Any] = [
            "id": event.id.uuidString.lowercased(), "title": title.text, "type": texts[event.type.textKey] ?? "",
            "format": texts[event.format.textKey] ?? "", "status": texts[event.status.textKey] ?? "", "statusCode": event.status.rawValue,
            "startsAt": PageDates.rfc3339(event.startsAt), "startsAtText": PageDates.dayAndTime(event.startsAt, in: language),
            "endsAt": PageDates.rfc3339(event.endsAt), "endsAtText": PageDates.dayAndTime(event.endsAt, in: language),
            "isCancelled": event.status == .cancelled, "isPostponed": event.status == .postponed,
        ]
        values["titleLanguage"] = title.otherLanguage
        if let description = event.description {
            let shown = ShownText(description, in: language)
            values["description"] = shown.text
            values["descriptionLanguage"] = shown.otherLanguage
        }
        if let venue = event.venue {
            values["region"] = venue.regionCode.name.text(preferring: [language])
            values["locality"] = venue.locality
            values["address"] = venue.address
            values["accessibility"] = venue.accessibilityNotes
        }
        // Only a web address is made a link: the API checks it, the page does not trust that alone.
        if let url = event.onlineUrl, url.hasPrefix("https://") || url.hasPrefix("http://") { values["onlineUrl"] = url }
        values["cancellationReason"] = event.cancellationReason
        return values
    }

    /// The values of an agenda's items, in their order, each with its time in Bishkek.
    static func of(_ items: [EventsWire.AgendaItem], language: Language) -> [[String: Any]] {
        items.sorted { $0.position < $1.position }.map { item in
            let title = ShownText(item.title, in: language)
            var values: [String: Any] = [
                "id": item.id.uuidString.lowercased(), "title": title.text, "startsAt": PageDates.rfc3339(item.startsAt),
                "time": PageDates.time(item.startsAt, in: language), "minutes": item.durationMinutes,
                "speakers": item.speakers.joined(separator: ", "), "hasSpeakers": !item.speakers.isEmpty,
            ]
            values["titleLanguage"] = title.otherLanguage
            return values
        }
    }

    /// The event types as choices, `selected` marked.
    static func types(texts: [String: String], selected: String?) -> [[String: Any]] {
        Choice.values(EventKind.allCases.map { Choice(code: $0.rawValue, name: texts[$0.textKey] ?? $0.rawValue) }, selected: Set([selected ?? ""]))
    }

    /// Every catalogue key the event pages look up in code, for the test that each catalogue has them.
    static var catalogueKeys: Set<String> {
        Set(EventKind.allCases.map(\.textKey) + EventFormat.allCases.map(\.textKey) + EventState.allCases.map(\.textKey))
    }
}
