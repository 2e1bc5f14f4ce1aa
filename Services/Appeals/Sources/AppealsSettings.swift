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
        cipher = try settings.requiredCipher(
            "appeals.encryption.keys", meaning: "keys that encrypt appellants' data: id:base64-of-32-bytes[,older ones]")
        trackingCodes = TrackingCodes(
            key: try settings.requiredSecretKey("appeals.tracking.key", meaning: "the key that hashes tracking codes: base64 of at least 32 bytes"))
        responseDays = try settings.int("appeals.response.days", default: 14, in: 1...90)
        maxExtensionDays = try settings.int("appeals.max.extension.days", default: 30, in: 1...90)
    }
}
