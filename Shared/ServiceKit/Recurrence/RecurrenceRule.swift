import Foundation
import Models

/// A series' recurrence: the part of RFC 5545's RRULE (§3.3.10) the programme's series need, such as
/// `FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=4` ("the second Tuesday of every third month, four times").
///
/// ``init(parsing:)`` accepts FREQ (required), INTERVAL, COUNT or UNTIL, BYDAY and BYMONTHDAY, each at
/// most once, as the RFC's grammar writes them; anything else is refused with a reason, so a rule stored
/// here means the same to every iCalendar client. ``text`` writes it back in a canonical order.
public struct RecurrenceRule: Equatable, Sendable {
    /// How often the rule repeats.
    public enum Frequency: String, CaseIterable, Sendable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
        case yearly = "YEARLY"
    }

    /// A day of the week, as RRULE names it (`MO` … `SU`).
    public enum Weekday: String, CaseIterable, Sendable {
        case monday = "MO"
        case tuesday = "TU"
        case wednesday = "WE"
        case thursday = "TH"
        case friday = "FR"
        case saturday = "SA"
        case sunday = "SU"

        /// Foundation's weekday number (Sunday is 1).
        public var calendarWeekday: Int {
            switch self {
            case .sunday: 1
            case .monday: 2
            case .tuesday: 3
            case .wednesday: 4
            case .thursday: 5
            case .friday: 6
            case .saturday: 7
            }
        }
    }

    /// A BYDAY entry: a weekday, with an ordinal in monthly rules (`2TU` the second Tuesday, `-1FR` the last Friday).
    public struct Day: Equatable, Sendable {
        public var ordinal: Int?
        public var weekday: Weekday
    }

    /// When the rule stops: after a number of occurrences, or at a time (inclusive).
    public enum End: Equatable, Sendable {
        case count(Int)
        case until(Date)
    }

    public var frequency: Frequency
    public var interval: Int
    public var end: End?
    public var days: [Day]
    public var monthDays: [Int]

    /// The largest INTERVAL accepted.
    public static let maxInterval = 1_000
    /// The largest COUNT accepted: a series runs for years, not forever.
    public static let maxCount = 500
    /// The longest a rule's text may be.
    public static let maxLength = 500

    /// Why a text is not a rule this platform accepts; the message names the part.
    public struct Problem: Error, Equatable {
        public let message: String
        public init(_ message: String) { self.message = message }
    }

    /// Parses and checks `text`; throws a ``Problem`` naming what is wrong.
    public init(parsing text: String) throws(Problem) {
        guard !text.isEmpty, text.utf8.count <= Self.maxLength else { throw Problem("must be 1 to \(Self.maxLength) characters") }
        var parts: [String: String] = [:]
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else { throw Problem("\"\(part.prefix(40))\" is not NAME=VALUE") }
            let name = String(pair[0]).uppercased()
            guard ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY"].contains(name) else {
                throw Problem("\(name.prefix(40)) is not supported: use FREQ, INTERVAL, COUNT, UNTIL, BYDAY and BYMONTHDAY")
            }
            guard parts[name] == nil else { throw Problem("\(name) is given twice") }
            parts[name] = String(pair[1])
        }
        guard let frequencyText = parts["FREQ"] else { throw Problem("FREQ is required") }
        guard let frequency = Frequency(rawValue: frequencyText.uppercased()) else { throw Problem("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY") }
        self.frequency = frequency
        interval = 1
        if let text = parts["INTERVAL"] {
            guard let value = Self.positiveInteger(text), value <= Self.maxInterval else { throw Problem("INTERVAL must be 1 to \(Self.maxInterval)") }
            interval = value
        }
        if parts["COUNT"] != nil, parts["UNTIL"] != nil { throw Problem("COUNT and UNTIL must not both be given") }
        if let text = parts["COUNT"] {
            guard let value = Self.positiveInteger(text), value <= Self.maxCount else { throw Problem("COUNT must be 1 to \(Self.maxCount)") }
            end = .count(value)
        } else if let text = parts["UNTIL"] {
            guard let date = Self.untilDate(text) else { throw Problem("UNTIL must be a UTC time such as 20271231T180000Z, or a date such as 20271231") }
            end = .until(date)
        }
        days = []
        if let text = parts["BYDAY"] { days = try Self.days(text, frequency: frequency) }
        monthDays = []
        if let text = parts["BYMONTHDAY"] { monthDays = try Self.monthDays(text, frequency: frequency) }
        if frequency == .yearly, !days.isEmpty || !monthDays.isEmpty {
            throw Problem("BYDAY and BYMONTHDAY are not supported with FREQ=YEARLY: use FREQ=MONTHLY;INTERVAL=12")
        }
    }

    /// The rule in canonical form: FREQ, INTERVAL (when not 1), BYDAY, BYMONTHDAY, then COUNT or UNTIL.
    public var text: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if !days.isEmpty { parts.append("BYDAY=" + days.map { "\($0.ordinal.map(String.init) ?? "")\($0.weekday.rawValue)" }.joined(separator: ",")) }
        if !monthDays.isEmpty { parts.append("BYMONTHDAY=" + monthDays.map(String.init).joined(separator: ",")) }
        switch end {
        case .count(let count): parts.append("COUNT=\(count)")
        case .until(let date): parts.append("UNTIL=\(Self.untilFormat.string(from: date))")
        case nil: break
        }
        return parts.joined(separator: ";")
    }

    private static func positiveInteger(_ text: String) -> Int? {
        guard text.count <= 6, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let value = Int(text), value > 0 else { return nil }
        return value
    }

    private static func days(_ text: String, frequency: Frequency) throws(Problem) -> [Day] {
        var days: [Day] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = entry.uppercased()
            guard entry.count >= 2, let weekday = Weekday(rawValue: String(entry.suffix(2))) else {
                throw Problem("BYDAY must list days such as MO, TU or, in monthly rules, 2TU or -1FR")
            }
            let prefix = entry.dropLast(2)
            var ordinal: Int?
            if !prefix.isEmpty {
                let sign = prefix.first == "-" ? -1 : 1
                let digits = prefix.first == "-" || prefix.first == "+" ? prefix.dropFirst() : prefix[...]
                guard let value = positiveInteger(String(digits)), value <= 5 else { throw Problem("a BYDAY ordinal must be 1 to 5 or -1 to -5") }
                guard frequency == .monthly else { throw Problem("a BYDAY ordinal (such as 2TU) needs FREQ=MONTHLY") }
                ordinal = sign * value
            }
            let day = Day(ordinal: ordinal, weekday: weekday)
            guard !days.contains(day) else { throw Problem("BYDAY names \(entry) twice") }
            days.append(day)
        }
        return days
    }

    private static func monthDays(_ text: String, frequency: Frequency) throws(Problem) -> [Int] {
        guard frequency != .weekly else { throw Problem("BYMONTHDAY must not be used with FREQ=WEEKLY") }
        var values: [Int] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let sign = entry.first == "-" ? -1 : 1
            let digits = entry.first == "-" || entry.first == "+" ? entry.dropFirst() : entry[...]
            guard let value = positiveInteger(String(digits)), value <= 31 else { throw Problem("BYMONTHDAY must list days 1 to 31 or -1 to -31") }
            guard !values.contains(sign * value) else { throw Problem("BYMONTHDAY names \(entry) twice") }
            values.append(sign * value)
        }
        return values
    }

    /// UNTIL as a UTC date-time (`20271231T180000Z`) or a date (`20271231`, the end of that day in UTC).
    private static func untilDate(_ text: String) -> Date? {
        if text.count == 16, let date = untilFormat.date(from: text) { return date }
        if text.count == 8, let day = dayFormat.date(from: text) { return day.addingTimeInterval(86_399) }
        return nil
    }

    private static var untilFormat: DateFormatter { formatter("yyyyMMdd'T'HHmmss'Z'") }
    private static var dayFormat: DateFormatter { formatter("yyyyMMdd") }

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        formatter.isLenient = false
        return formatter
    }
}
