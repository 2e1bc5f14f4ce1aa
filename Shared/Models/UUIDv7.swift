import Foundation
import Synchronization

extension UUID {
    /// A new version-7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then random bits.
    ///
    /// IDs made this way sort by creation time, which keeps B-tree indexes compact and lets cursors
    /// page in creation order without a separate timestamp column. IDs made by this process are
    /// strictly increasing, even within one millisecond: the 12 bits after the version hold a counter
    /// (RFC 9562 §6.2, method 1), so rows inserted in order also sort in order.
    public static func v7(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        let (milliseconds, counter) = MonotonicClock.shared.next(milliseconds: Self.milliseconds(date))
        return make(milliseconds: milliseconds, counter: counter, using: &generator)
    }

    /// A version-7 UUID drawn from the given random number generator (for reproducible tests).
    public static func v7(at date: Date, using generator: inout some RandomNumberGenerator) -> UUID {
        make(milliseconds: milliseconds(date), counter: nil, using: &generator)
    }

    /// The UUID's version number (the high nibble of byte 6).
    public var version: Int { Int(uuid.6 >> 4) }

    private static func milliseconds(_ date: Date) -> UInt64 {
        UInt64(max(0, date.timeIntervalSince1970 * 1000))
    }

    private static func make(milliseconds: UInt64, counter: UInt16?, using generator: inout some RandomNumberGenerator) -> UUID {
        // Two draws rather than one per byte: the system generator makes a system call per draw.
        var bytes = withUnsafeBytes(of: (generator.next() as UInt64, generator.next() as UInt64)) { Array($0) }
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        if let counter {
            bytes[6] = UInt8(counter >> 8)
            bytes[7] = UInt8(truncatingIfNeeded: counter)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70 // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 9562 variant
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

/// The last timestamp and counter handed out, so IDs never go backwards within a process.
private final class MonotonicClock: Sendable {
    static let shared = MonotonicClock()
    private let state = Mutex((milliseconds: UInt64(0), counter: UInt16(0)))

    func next(milliseconds now: UInt64) -> (milliseconds: UInt64, counter: UInt16) {
        // An explicit date far from the wall clock (a backfill, a test's clock in another year): order only
        // matters among IDs made now, so leave the clock alone. Letting a future date advance it would make
        // every later ID of this process fall back to a random order within its millisecond.
        let wall = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        if now + 1000 < wall || now > wall + 1000 {
            return (now, UInt16.random(in: 0..<0x400))
        }
        return state.withLock { state in
            if now + 1000 < state.milliseconds {
                return (now, UInt16.random(in: 0..<0x400))
            }
            if now > state.milliseconds {
                // Start low in the 12-bit range so many IDs fit in the same millisecond.
                state = (now, UInt16.random(in: 0..<0x400))
            } else if state.counter < 0xFFF {
                state.counter += 1
            } else {
                state = (state.milliseconds + 1, 0)
            }
            return state
        }
    }
}
