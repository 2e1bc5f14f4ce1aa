import Foundation
import Models

/// Dates on the staff pages: stored in UTC, shown in Asia/Bishkek in the reader's language.
enum StaffDates {
    /// The programme's time zone; Kyrgyzstan keeps UTC+6 all year.
    static let zone = TimeZone(identifier: "Asia/Bishkek") ?? TimeZone(secondsFromGMT: 6 * 3600)!

    /// `date` with its time, as a reader of `language` writes it.
    static func dateTime(_ date: Date, _ language: Language) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale(language), timeZone: zone))
    }

    /// The day of `date`, as a reader of `language` writes it.
    static func day(_ date: Date, _ language: Language) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, locale: locale(language), timeZone: zone))
    }

    /// The RFC 3339 time at the end of day `day` (`YYYY-MM-DD`, as a date field sends it) in Bishkek, or `nil`
    /// when it is not a real day.
    static func endOfDay(_ day: String) -> String? {
        guard day.utf8.count == 10, day.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = day.split(separator: "-").compactMap { Int($0) }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar) else { return nil }
        return "\(day)T23:59:59+06:00"
    }

    private static func locale(_ language: Language) -> Locale {
        switch language {
        case .kyrgyz: Locale(identifier: "ky_KG")
        case .russian: Locale(identifier: "ru_RU")
        case .english: Locale(identifier: "en_GB")
        }
    }
}
