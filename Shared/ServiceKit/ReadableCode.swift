import Crypto
import Foundation
import Models

/// Codes people read aloud, type and copy by hand: appeals' tracking codes, events' registration codes.
///
/// Crockford base32 from the system CSPRNG (5 bits a character), shown in groups of four (`ABCD-EFGH`): no
/// I, L, O or U, so a code survives a hotline or a paper sheet. Only a keyed hash of a code is stored, under
/// a key the database never sees, so a leaked database reveals no codes.
public struct ReadableCode: Sendable {
    /// The characters codes are made of.
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// How many characters are shown together between hyphens.
    public static let groupSize = 4

    /// How many characters a code has.
    public let length: Int
    private let key: SymmetricKey

    /// Codes of `length` characters, hashed under `key`.
    public init(length: Int, key: SymmetricKey) {
        self.length = length
        self.key = key
    }

    /// A new code of `length` characters, formatted for people.
    public static func generate(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: length, by: groupSize).map { String(characters[$0..<min($0 + groupSize, length)]) }.joined(separator: "-")
    }

    /// The code as typed, in canonical form: upper case, no separators, look-alike letters mapped to the
    /// digits they stand for. `nil` when it cannot be a code of `length` characters.
    public static func normalize(_ typed: String, length: Int) -> String? {
        var canonical = ""
        for character in typed.uppercased() where character != "-" && character != " " {
            switch character {
            case "O": canonical.append("0")
            case "I", "L": canonical.append("1")
            default:
                guard alphabet.contains(character) else { return nil }
                canonical.append(character)
            }
            // A typed text far longer than a code is not one; stop before reading all of it.
            if canonical.count > length { return nil }
        }
        return canonical.count == length ? canonical : nil
    }

    /// A new code, formatted for people.
    public func generate() -> String { Self.generate(length: length) }

    /// The typed code in canonical form, or `nil` when it cannot be one.
    public func normalize(_ typed: String) -> String? { Self.normalize(typed, length: length) }

    /// The keyed hash stored for a code (of its canonical form).
    public func hash(_ canonicalCode: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(canonicalCode.utf8), using: key).lowercaseHex
    }
}
