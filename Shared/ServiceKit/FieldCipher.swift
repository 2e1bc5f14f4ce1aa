import Crypto
import Foundation

/// Encrypts personal data at rest with AES-256-GCM: appellants' (appeals), participants' (events).
///
/// Each sealed value starts with the ID of the key that sealed it, so keys can be rotated: new values
/// use the current key, old ones still open with the key they name. The record's ID and the field name
/// are bound in as authenticated data, so a ciphertext copied to another row or column does not open.
public struct FieldCipher: Sendable {
    private let currentKeyID: String
    private let keys: [String: SymmetricKey]

    /// Why a sealed value could not be opened.
    public enum Failure: Error {
        case unknownKey
        case malformed
    }

    /// Creates a cipher from `id:base64key` entries; the first entry seals new values.
    public init(keys entries: [(id: String, key: SymmetricKey)]) {
        precondition(!entries.isEmpty, "at least one key")
        currentKeyID = entries[0].id
        keys = Dictionary(entries.map { ($0.id, $0.key) }, uniquingKeysWith: { first, _ in first })
    }

    /// `plaintext` sealed under the current key, bound to `recordID` and `field`.
    public func seal(_ plaintext: Data, recordID: UUID, field: String) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: keys[currentKeyID]!, authenticating: Self.context(recordID, field))
        let keyID = Data(currentKeyID.utf8)
        return Data([UInt8(keyID.count)]) + keyID + box.combined!
    }

    /// What `seal` sealed for the same `recordID` and `field`, under whichever known key sealed it.
    public func open(_ sealed: Data, recordID: UUID, field: String) throws -> Data {
        guard let length = sealed.first.map(Int.init), sealed.count > 1 + length else { throw Failure.malformed }
        let keyID = String(decoding: sealed.dropFirst().prefix(length), as: UTF8.self)
        guard let key = keys[keyID] else { throw Failure.unknownKey }
        let box = try AES.GCM.SealedBox(combined: sealed.dropFirst(1 + length))
        return try AES.GCM.open(box, using: key, authenticating: Self.context(recordID, field))
    }

    private static func context(_ recordID: UUID, _ field: String) -> Data {
        Data("\(recordID.uuidString.lowercased())/\(field)".utf8)
    }

    /// Parses a key list (`APPEALS_ENCRYPTION_KEYS`): `id:base64,id:base64`, each key 32 bytes; `nil` when malformed.
    public static func keys(from text: String) -> [(id: String, key: SymmetricKey)]? {
        let entries = text.split(separator: ",").map { entry -> (id: String, key: SymmetricKey)? in
            let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, (1...32).contains(parts[0].utf8.count),
                let bytes = Data(base64Encoded: parts[1]), bytes.count == 32
            else { return nil }
            return (parts[0], SymmetricKey(data: bytes))
        }
        guard !entries.isEmpty, entries.allSatisfy({ $0 != nil }) else { return nil }
        return entries.compactMap { $0 }
    }
}
