import Configuration
import Crypto
import Foundation
import Models
import ServiceKit

/// The broadcasts service's secrets for askers: the keys that seal their contact, and the key receipt
/// codes and upvoting clients are hashed under.
struct QuestionSecrets: Sendable {
    /// The setting of the sealing keys (`BROADCASTS_ENCRYPTION_KEYS`: `id:base64,…`, first one current).
    static let encryptionKeysSetting = "broadcasts.encryption.keys"
    /// The setting of the question key (`BROADCASTS_QUESTION_KEY`: base64 of at least 32 bytes).
    static let questionKeySetting = "broadcasts.question.key"

    /// Seals askers' name, contact and disaggregation fields.
    let cipher: FieldCipher
    /// Makes receipt codes and hashes them for storage.
    let receiptCodes: ReadableCode
    /// Hashes the gateway's client keys for the upvote table: one upvote per client without keeping who.
    private let clientKey: SymmetricKey

    init(reader: ConfigReader) throws {
        let settings = SettingsReader(reader: reader)
        // Literal keys, so deploy/compose_check.py finds what the service reads.
        cipher = try settings.requiredCipher(
            "broadcasts.encryption.keys", meaning: "keys that encrypt askers' contact data: id:base64-of-32-bytes[,older ones]")
        let master = try settings.requiredSecretKey(
            "broadcasts.question.key", meaning: "the key that hashes question receipt codes and upvoting clients: base64 of at least 32 bytes")
        // One secret to configure, two keys: a receipt's hash never equals a client's.
        receiptCodes = ReadableCode(length: BroadcastLimits.receiptCodeLength, key: Self.derive(master, purpose: "receipt-codes"))
        clientKey = Self.derive(master, purpose: "upvoting-clients")
    }

    /// The keyed hash stored for an upvoting client.
    func clientHash(_ clientKey: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(clientKey.utf8), using: self.clientKey).lowercaseHex
    }

    private static func derive(_ master: SymmetricKey, purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("openmedia-broadcasts/\(purpose)".utf8), outputByteCount: 32)
    }
}
