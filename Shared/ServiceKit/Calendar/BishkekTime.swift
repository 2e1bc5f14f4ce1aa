import Foundation

/// Days and months as the programme counts them: in Asia/Bishkek, where its events take place and its
/// broadcasts go out (UTC+6, without daylight saving since 2005).
public enum BishkekTime {
    /// The zone's identifier, as iCalendar's TZID and the APIs' `timeZone` name it.
    public static let zoneIdentifier = "Asia/Bishkek"

    /// The Gregorian calendar in Bishkek.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        // The identifier is in every tz database the platform runs on.
        calendar.timeZone = TimeZone(identifier: zoneIdentifier)!
        return calendar
    }()

    /// `YYYY-MM-DD` of `date` in Bishkek.
    public static func day(of date: Date) -> String {
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }

    /// `YYYY-MM` of `date` in Bishkek.
    public static func month(of date: Date) -> String {
        String(day(of: date).prefix(7))
    }

    /// The instant month `YYYY-MM` begins in Bishkek (a validated month).
    public static func start(ofMonth month: String) -> Date {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1))!
    }

    /// The instant the month after `month` begins in Bishkek.
    public static func end(ofMonth month: String) -> Date {
        calendar.date(byAdding: .month, value: 1, to: start(ofMonth: month))!
    }

    /// Whether `text` is a real day, `YYYY-MM-DD`, in years 2000 to 2100.
    public static func isDay(_ text: String) -> Bool {
        guard text.range(of: #"^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil else { return false }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components) else { return false }
        return day(of: date) == text
    }

    /// Whole days from `start` to `end` (0 when `end` is earlier).
    public static func wholeDays(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start) / 86_400))
    }
}
