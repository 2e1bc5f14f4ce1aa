import Crypto
import Foundation
import Synchronization

/// The tracking codes of receipts just shown, kept a few minutes in this process's memory only, so that a
/// double click on the appeal form still shows the person their code: the browser shows the answer to the
/// second sending, which is appeals' replay, and appeals never repeats a code.
///
/// A code is found only by a hash of the form's idempotency key and the browser's form cookie, so only the
/// browser that sent the form sees it again. Nothing is written anywhere, and the count and age are bounded.
/// Another replica does not share it: there the second answer says the code was shown once.
final class ReceiptMemory: Sendable {
    /// How long a code is kept: a double click or a reload of the answer comes within seconds.
    static let lifetime: TimeInterval = 10 * 60
    /// The most codes kept; beyond it the oldest half goes (a flood of forms cannot grow memory).
    static let maxEntries = 10_000

    private let entries = Mutex<[String: (code: String, storedAt: Date)]>([:])

    /// Keeps `code` for the form sent with `idempotencyKey` from the browser holding form cookie `browser`.
    func remember(_ code: String, idempotencyKey: String, browser: String, now: Date = Date()) {
        let key = Self.key(idempotencyKey: idempotencyKey, browser: browser)
        entries.withLock { entries in
            if entries.count >= Self.maxEntries {
                let oldestFirst = entries.sorted { $0.value.storedAt < $1.value.storedAt }
                for (stale, _) in oldestFirst.prefix(Self.maxEntries / 2) { entries[stale] = nil }
            }
            entries[key] = (code, now)
        }
    }

    /// The code kept for that form and browser, if it is still fresh.
    func code(idempotencyKey: String, browser: String, now: Date = Date()) -> String? {
        let key = Self.key(idempotencyKey: idempotencyKey, browser: browser)
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard now.timeIntervalSince(entry.storedAt) < Self.lifetime else {
                entries[key] = nil
                return nil
            }
            return entry.code
        }
    }

    private static func key(idempotencyKey: String, browser: String) -> String {
        Data(SHA256.hash(data: Data("\(idempotencyKey)\n\(browser)".utf8))).base64EncodedString()
    }
}
