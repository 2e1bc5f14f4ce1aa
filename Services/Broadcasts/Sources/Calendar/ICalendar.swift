import Foundation

/// Writes iCalendar (RFC 5545) text: CRLF line ends, content lines folded at 75 octets without splitting
/// a UTF-8 sequence, TEXT values escaped. Only what the schedule feed needs: a copy of events-and-hearings'
/// writer, since services share code only through `Shared/` and lifting it there is a change of its own.
struct ICalendar {
    /// The most octets of one line before its CRLF (RFC 5545 §3.1).
    static let maxLineOctets = 75

    private(set) var text = ""

    /// Appends `name` (with its parameters, `DTSTART;TZID=…`) and a value written as is (dates, codes, rules).
    mutating func raw(_ name: String, _ value: String) {
        line(name + ":" + value)
    }

    /// Appends a TEXT property, escaped.
    mutating func text(_ name: String, _ value: String) {
        line(name + ":" + Self.escaped(value))
    }

    /// Appends one content line, folded.
    mutating func line(_ content: String) {
        var octets = 0
        for character in content {
            let size = String(character).utf8.count
            // A continuation line starts with a space, which counts towards its 75.
            if octets + size > Self.maxLineOctets {
                text += "\r\n "
                octets = 1
            }
            text.append(character)
            octets += size
        }
        text += "\r\n"
    }

    /// A TEXT value with backslashes, semicolons, commas and line breaks escaped, and other control
    /// characters (which TEXT may not hold) dropped.
    static func escaped(_ value: String) -> String {
        var escaped = ""
        for scalar in value.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r": escaped += "\\n"
            case "\t": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `YYYYMMDDTHHMMSSZ`: a UTC time.
    static func utc(_ date: Date) -> String {
        format(date, in: TimeZone(identifier: "UTC")!) + "Z"
    }

    /// `YYYYMMDDTHHMMSS`: the local time in Bishkek, for a `TZID=Asia/Bishkek` property.
    static func bishkek(_ date: Date) -> String {
        format(date, in: BishkekTime.calendar.timeZone)
    }

    private static func format(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }
}
