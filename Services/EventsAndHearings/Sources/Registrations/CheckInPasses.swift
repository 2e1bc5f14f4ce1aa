import Crypto
import Foundation
import Models
import Persistence

/// The signed payload a receipt's QR code holds, so staff at the door check a person in with one scan:
/// `OMEV1.<event ID>.<registration ID>.<HMAC-SHA256 over both, base64url>`. It proves the service issued
/// it for that registration of that event; it carries nothing about the person.
struct CheckInPasses: Sendable {
    /// The payload's first part, naming its format.
    static let prefix = "OMEV1"
    /// The longest payload accepted: two UUIDs, the prefix and a 43-character signature, with room to spare.
    static let maxLength = 200

    private let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// The payload for `registrationID` of `eventID`.
    func payload(eventID: UUID, registrationID: UUID) -> String {
        [Self.prefix, eventID.text, registrationID.text, signature(eventID, registrationID).base64URLEncodedString()].joined(separator: ".")
    }

    /// The registration a payload names, if its signature holds and it is for `eventID`; `nil` otherwise.
    func registrationID(in payload: String, eventID: UUID) -> UUID? {
        guard payload.utf8.count <= Self.maxLength else { return nil }
        let parts = payload.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.prefix, let event = UUID(uuidString: String(parts[1])), event == eventID,
            let registration = UUID(uuidString: String(parts[2])), let mac = Data(base64URLEncoded: String(parts[3]))
        else { return nil }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.message(event, registration), using: key) ? registration : nil
    }

    private func signature(_ eventID: UUID, _ registrationID: UUID) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Self.message(eventID, registrationID), using: key))
    }

    private static func message(_ eventID: UUID, _ registrationID: UUID) -> Data {
        Data("\(eventID.text)/\(registrationID.text)".utf8)
    }
}
