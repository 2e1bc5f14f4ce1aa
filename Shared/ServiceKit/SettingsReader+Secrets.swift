import Crypto
import Foundation

extension SettingsReader {
    /// The keys that seal personal data, from `key` (`id:base64,…`, each key 32 bytes, the first one current
    /// and older ones kept to open what they sealed): a secret, required.
    public func requiredCipher(_ key: String, meaning: String) throws(ConfigurationError) -> FieldCipher {
        let text = try requiredString(key, isSecret: true, meaning: meaning)
        guard let keys = FieldCipher.keys(from: text) else {
            throw ConfigurationError(setting: Self.environmentName(key), problem: "expected id:base64 entries, each key 32 bytes")
        }
        return FieldCipher(keys: keys)
    }

    /// A key for keyed hashes and signatures, from `key` (base64 of at least 32 bytes): a secret, required.
    public func requiredSecretKey(_ key: String, meaning: String) throws(ConfigurationError) -> SymmetricKey {
        let text = try requiredString(key, isSecret: true, meaning: meaning)
        guard let secret = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), secret.count >= 32 else {
            throw ConfigurationError(setting: Self.environmentName(key), problem: "expected base64 of at least 32 bytes")
        }
        return SymmetricKey(data: secret)
    }
}
