import Foundation

/// Writes iCalendar (RFC 5545) text: CRLF line ends, content lines folded at 75 octets without splitting
/// a UTF-8 sequence, TEXT values escaped: what the events feed and the broadcast schedule need.
public struct ICalendar {
    /// The most octets of one line before its CRLF (RFC 5545 §3.1).
    public static let maxLineOctets = 75

    /// The document so far, UTF-8: appended to byte by byte, since a feed holds thousands of lines.
    public private(set) var bytes: [UInt8] = []

    /// The document so far as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// An empty document.
    public init() {}

    /// Appends `name` (with its parameters, `DTSTART;TZID=…`) and a value written as is (dates, codes, rules).
    public mutating func raw(_ name: String, _ value: String) {
        line(name + ":" + value)
    }

    /// Appends a TEXT property, escaped.
    public mutating func text(_ name: String, _ value: String) {
        line(name + ":" + Self.escaped(value))
    }

    /// Appends one content line, folded between UTF-8 sequences.
    public mutating func line(_ content: String) {
        var content = content
        content.withUTF8 { octets in
            guard octets.count > Self.maxLineOctets else {
                bytes.append(contentsOf: octets)
                return
            }
            var lineOctets = 0
            var index = 0
            while index < octets.count {
                let size = Self.sequenceLength(octets[index])
                // A continuation line starts with a space, which counts towards its 75.
                if lineOctets + size > Self.maxLineOctets {
                    bytes.append(contentsOf: [0x0D, 0x0A, 0x20])
                    lineOctets = 1
                }
                bytes.append(contentsOf: octets[index..<min(index + size, octets.count)])
                lineOctets += size
                index += size
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// The octets of the UTF-8 sequence that `lead` begins (valid UTF-8: a Swift string's).
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// A TEXT value with backslashes, semicolons, commas and line breaks escaped, and other control
    /// characters (which TEXT may not hold) dropped.
    public static func escaped(_ value: String) -> String {
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
    public static func utc(_ date: Date) -> String {
        stamp(date, offsetSeconds: 0) + "Z"
    }

    /// `YYYYMMDDTHHMMSS`: the local time in Bishkek, for a `TZID=Asia/Bishkek` property.
    public static func bishkek(_ date: Date) -> String {
        stamp(date, offsetSeconds: BishkekTime.calendar.timeZone.secondsFromGMT(for: date))
    }

    /// The wall-clock time `offsetSeconds` from UTC, by arithmetic on the proleptic Gregorian calendar
    /// (H. Hinnant's `civil_from_days`): a Foundation calendar per line cost more than the rest of the feed.
    private static func stamp(_ date: Date, offsetSeconds: Int) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let shifted = days + 719_468
        let era = floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var text = ""
        text.reserveCapacity(16)
        for (value, width) in [(year, 4), (month, 2), (day, 2)] { append(value, width: width, to: &text) }
        text.append("T")
        for value in [secondOfDay / 3_600, secondOfDay % 3_600 / 60, secondOfDay % 60] { append(value, width: 2, to: &text) }
        return text
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    /// Appends `value` in decimal, zero-padded to `width` digits.
    private static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }
}
