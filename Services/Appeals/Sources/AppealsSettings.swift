import Configuration
import Crypto
import Foundation
import ServiceKit

/// The appeals service's own settings: its secrets and its deadlines.
struct AppealsSettings: Sendable {
    /// Seals personal data (`APPEALS_ENCRYPTION_KEYS`: `id:base64,…`, first one current).
    var cipher: FieldCipher
    /// Hashes tracking codes (`APPEALS_TRACKING_KEY`: base64 of at least 32 bytes).
    var trackingCodes: TrackingCodes
    /// Days from receipt to the response deadline (`APPEALS_RESPONSE_DAYS`).
    var responseDays: Int
    /// The most days one extension may add (`APPEALS_MAX_EXTENSION_DAYS`).
    var maxExtensionDays: Int

    init(reader: ConfigReader) throws {
        let settings = SettingsReader(reader: reader)
        let keysText = try settings.requiredString(
            "appeals.encryption.keys", isSecret: true,
            meaning: "keys that encrypt appellants' data: id:base64-of-32-bytes[,older ones]")
        guard let keys = FieldCipher.keys(from: keysText) else {
            throw ConfigurationError(setting: "APPEALS_ENCRYPTION_KEYS", problem: "expected id:base64 entries, each key 32 bytes")
        }
        cipher = FieldCipher(keys: keys)
        let trackingText = try settings.requiredString(
            "appeals.tracking.key", isSecret: true,
            meaning: "the key that hashes tracking codes: base64 of at least 32 bytes")
        guard let trackingKey = Data(base64Encoded: trackingText.trimmingCharacters(in: .whitespacesAndNewlines)), trackingKey.count >= 32 else {
            throw ConfigurationError(setting: "APPEALS_TRACKING_KEY", problem: "expected base64 of at least 32 bytes")
        }
        trackingCodes = TrackingCodes(key: SymmetricKey(data: trackingKey))
        responseDays = try settings.int("appeals.response.days", default: 14, in: 1...90)
        maxExtensionDays = try settings.int("appeals.max.extension.days", default: 30, in: 1...90)
    }
}
