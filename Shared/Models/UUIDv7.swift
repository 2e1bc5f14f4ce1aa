import Foundation

extension UUID {
    /// A new version-7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then random bits.
    ///
    /// IDs made this way sort by creation time, which keeps B-tree indexes compact and lets cursors
    /// page in creation order without a separate timestamp column.
    public static func v7(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return v7(at: date, using: &generator)
    }

    /// A version-7 UUID drawn from the given random number generator (for reproducible tests).
    public static func v7(at date: Date, using generator: inout some RandomNumberGenerator) -> UUID {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }

    /// The UUID's version number (the high nibble of byte 6).
    public var version: Int { Int(uuid.6 >> 4) }
}
