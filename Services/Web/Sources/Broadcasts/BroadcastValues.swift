import Foundation
import Models

/// The template values of an episode and its show in the page's language.
enum BroadcastValues {
    /// The values of `episode` of `show` (absent when the show could not be read): theme, show, status, start in
    /// Bishkek, format and sign language.
    static func of(_ episode: BroadcastsWire.Episode, show: BroadcastsWire.Show?, texts: [String: String], language: Language) -> [String: Any] {
        let theme = ShownText(episode.theme, in: language)
        var values: [String: Any] = [
            "id": episode.id.uuidString.lowercased(), "theme": theme.text, "status": texts[episode.status.textKey] ?? "",
            "statusCode": episode.status.rawValue, "startsAt": PageDates.rfc3339(episode.startsAt),
            "startsAtText": PageDates.dayAndTime(episode.startsAt, in: language), "minutes": episode.durationMinutes,
            "isCancelled": episode.status == .cancelled, "isRescheduled": episode.status == .rescheduled,
            "isLive": episode.status == .live,
        ]
        values["themeLanguage"] = theme.otherLanguage
        if let show {
            let title = ShownText(show.title, in: language)
            values["show"] = title.text
            values["showLanguage"] = title.otherLanguage
            values["format"] = texts[show.format.textKey] ?? ""
            values["signLanguage"] = show.signLanguage
        }
        // Only a web address is made a link: the API checks it, the page does not trust that alone.
        if let url = episode.streamUrl, isWebAddress(url) { values["streamUrl"] = url }
        if let url = episode.replayUrl, isWebAddress(url) { values["replayUrl"] = url }
        values["cancellationReason"] = episode.cancellationReason
        return values
    }

    /// Whether `url` is an http(s) address, the only kind a page links to.
    static func isWebAddress(_ url: String) -> Bool { url.hasPrefix("https://") || url.hasPrefix("http://") }

    /// Every catalogue key the broadcast pages look up in code, for the test that each catalogue has them.
    static var catalogueKeys: Set<String> {
        Set(EpisodeStatus.allCases.map(\.textKey) + ShowFormat.allCases.map(\.textKey))
    }
}
