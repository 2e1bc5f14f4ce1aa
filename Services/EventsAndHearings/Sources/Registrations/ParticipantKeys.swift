import Crypto
import Foundation
import Models
import ServiceKit

/// Tells the same person apart across registrations without keeping who they are: the keyed hash
/// (HMAC-SHA256 under a key derived from the registration key) of their normalised phone number, or of their
/// email address when they gave no phone. Only the hash is stored, next to the sealed participant; without
/// the key it cannot be matched against a list of numbers. Indicators count unique people by it.
///
/// Normalising: a phone keeps its digits only, and a Kyrgyz number written the local way (`0` and nine
/// digits) is read as `996` and those nine, so "+996 700 123 456" and "0700 123-456" are one person; an
/// email is trimmed and lowercased. Someone who gave a phone once and only an email another time, or
/// neither, counts once per registration.
struct ParticipantKeys: Sendable {
    /// Kyrgyzstan's country calling code, which a local number leaves out.
    static let countryCode = "996"
    /// The digits of a number written the local way: a trunk `0` and nine more.
    static let localNumberLength = 10

    private let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// The key of `participant`, or `nil` when they gave neither a phone nor an email.
    func key(for participant: Participant) -> String? {
        if let phone = participant.phone.flatMap(Self.normalized(phone:)) { return hash("phone:" + phone) }
        if let email = participant.email.flatMap(Self.normalized(email:)) { return hash("email:" + email) }
        return nil
    }

    /// The digits of `phone` in international form, or `nil` when it has none.
    static func normalized(phone: String) -> String? {
        let digits = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) })
        guard !digits.isEmpty else { return nil }
        if digits.count == localNumberLength, digits.hasPrefix("0") { return countryCode + digits.dropFirst() }
        return digits
    }

    /// `email` trimmed and lowercased, or `nil` when nothing is left.
    static func normalized(email: String) -> String? {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().nilIfBlank
    }

    private func hash(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).lowercaseHex
    }
}
