import Configuration
import Crypto
import Foundation
import ServiceKit

/// The events service's secrets for participants: the keys that seal their personal data, and the key
/// registration codes are hashed, check-in QR payloads signed and participants told apart under.
struct RegistrationSecrets: Sendable {
    /// The setting of the sealing keys (`EVENTS_ENCRYPTION_KEYS`: `id:base64,…`, first one current).
    static let encryptionKeysSetting = "events.encryption.keys"
    /// The setting of the registration key (`EVENTS_REGISTRATION_KEY`: base64 of at least 32 bytes).
    static let registrationKeySetting = "events.registration.key"

    /// Seals participants' name, contact and disaggregation fields.
    let cipher: FieldCipher
    /// Makes registration codes and hashes them for storage.
    let codes: ReadableCode
    /// Signs and checks the QR payloads of receipts.
    let checkInPasses: CheckInPasses
    /// Tells the same person apart across registrations by a keyed hash of their phone or email.
    let participantKeys: ParticipantKeys

    init(reader: ConfigReader) throws {
        let settings = SettingsReader(reader: reader)
        // Literal keys, so deploy/compose_check.py finds what the service reads.
        cipher = try settings.requiredCipher(
            "events.encryption.keys", meaning: "keys that encrypt event participants' data: id:base64-of-32-bytes[,older ones]")
        let master = try settings.requiredSecretKey(
            "events.registration.key",
            meaning: "the key that hashes registration codes and signs check-in QR codes: base64 of at least 32 bytes")
        // One secret to configure, two keys: a hash of codes can never be replayed as a signature, or back.
        codes = ReadableCode(length: RegistrationLimits.codeLength, key: Self.derive(master, purpose: "registration-codes"))
        checkInPasses = CheckInPasses(key: Self.derive(master, purpose: "check-in-passes"))
        participantKeys = ParticipantKeys(key: Self.derive(master, purpose: "participant-keys"))
    }

    private static func derive(_ master: SymmetricKey, purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("openmedia-events/\(purpose)".utf8), outputByteCount: 32)
    }
}
