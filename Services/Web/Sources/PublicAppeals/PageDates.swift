import Foundation
import Models

/// Dates as the pages show them: in Asia/Bishkek, written the way the page's language writes them.
enum PageDates {
    /// Kyrgyzstan's one time zone (UTC+6, no daylight saving).
    static let bishkek = TimeZone(identifier: "Asia/Bishkek") ?? TimeZone(secondsFromGMT: 6 * 3600)!

    /// The day of `date` in Bishkek, such as "3 декабря 2026 г.".
    static func day(_ date: Date, in language: Language) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: locale(language), timeZone: bishkek))
    }

    /// The day and time of `date` in Bishkek.
    static func dayAndTime(_ date: Date, in language: Language) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .shortened, locale: locale(language), timeZone: bishkek))
    }

    /// The time of day of `date` in Bishkek, such as "14:30".
    static func time(_ date: Date, in language: Language) -> String {
        date.formatted(Date.FormatStyle(date: .omitted, time: .shortened, locale: locale(language), timeZone: bishkek))
    }

    /// A `YYYY-MM-DD` day (already a day in Bishkek, as appeals gives publication days) in words; the text
    /// itself when it is not such a day.
    static func day(iso day: String, in language: Language) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = bishkek
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)) else {
            return day
        }
        return self.day(date, in: language)
    }

    /// The machine-readable form for `<time datetime>`.
    static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private static func locale(_ language: Language) -> Locale {
        Locale(identifier: language.rawValue)
    }
}
