import Crypto
import Foundation
import Models
import ServiceKit

/// Tracking codes that anonymous appellants use to follow their appeal: twelve characters of a
/// ``ReadableCode`` (60 bits), shown as `ABCD-EFGH-JKMN`, stored only as a keyed hash.
struct TrackingCodes: Sendable {
    static let length = 12

    private let codes: ReadableCode

    init(key: SymmetricKey) {
        codes = ReadableCode(length: Self.length, key: key)
    }

    /// A new code, formatted for people.
    static func generate() -> String { ReadableCode.generate(length: length) }

    /// The code as typed, in canonical form; `nil` when it cannot be a code.
    static func normalize(_ typed: String) -> String? { ReadableCode.normalize(typed, length: length) }

    /// The keyed hash stored for a code (of its canonical form).
    func hash(_ canonicalCode: String) -> String { codes.hash(canonicalCode) }
}
