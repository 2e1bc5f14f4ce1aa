import Foundation

/// RFC 3339 timestamps in UTC, written with the C library's calendar arithmetic.
///
/// Why not Foundation's `.iso8601` format style: every response and log line carries timestamps, and the
/// format style costs more than the rest of encoding a small response (Benchmarks/README.md, "Profiles").
/// The output is the same as `.iso8601`'s (tested).
public enum RFC3339 {
    /// `2026-11-29T14:20:32Z`, or with `milliseconds` `2026-11-29T14:20:32.123Z`; smaller fractions are
    /// dropped, not rounded.
    public static func string(from date: Date, milliseconds: Bool = false) -> String {
        let time = date.timeIntervalSince1970
        let whole = time.rounded(.down)
        var seconds = time_t(whole)
        var utc = tm()
        gmtime_r(&seconds, &utc)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(Int(utc.tm_year) + 1900, 4)
        out.append(UInt8(ascii: "-"))
        digits(Int(utc.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-"))
        digits(Int(utc.tm_mday), 2)
        out.append(UInt8(ascii: "T"))
        digits(Int(utc.tm_hour), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(utc.tm_min), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(utc.tm_sec), 2)
        if milliseconds {
            out.append(UInt8(ascii: "."))
            digits(min(999, Int((time - whole) * 1000)), 3)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
