import Crypto
import Foundation
import Models

/// Tracking codes that anonymous appellants use to follow their appeal.
///
/// Twelve characters of Crockford base32 (60 bits from the system CSPRNG), shown as `ABCD-EFGH-JKMN`:
/// no I, L, O or U, so it survives being read aloud on a hotline or copied by hand. Only an HMAC of the
/// code is stored, under a key the database never sees, so a leaked database reveals no codes.
struct TrackingCodes: Sendable {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let length = 12

    private let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// A new code, formatted for people.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: length, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// The code as typed, in canonical form: upper case, no separators, look-alike letters mapped to
    /// the digits they stand for. `nil` when it cannot be a code.
    static func normalize(_ typed: String) -> String? {
        var canonical = ""
        for character in typed.uppercased() where character != "-" && character != " " {
            switch character {
            case "O": canonical.append("0")
            case "I", "L": canonical.append("1")
            default:
                guard alphabet.contains(character) else { return nil }
                canonical.append(character)
            }
        }
        return canonical.count == length ? canonical : nil
    }

    /// The keyed hash stored for a code (of its canonical form).
    func hash(_ canonicalCode: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(canonicalCode.utf8), using: key).lowercaseHex
    }
}
