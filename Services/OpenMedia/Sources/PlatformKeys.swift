import Crypto
import Foundation
import ServiceKit

/// The Ed25519 keys of the local platform, one per service, kept in `<data dir>/keys/<service>.key`.
///
/// Generated on the first start and reused afterwards, so assertions and (later) tokens survive a
/// restart. Files are mode 0600 in a 0700 directory: they are the platform's signing secrets.
struct PlatformKeys {
    let privateKeys: [String: String]
    let directory: URL

    init(dataDirectory: URL, serviceNames: [String]) throws {
        directory = dataDirectory.appendingPathComponent("keys")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var keys: [String: String] = [:]
        for name in serviceNames {
            let file = directory.appendingPathComponent("\(name).key")
            if fileManager.fileExists(atPath: file.path) {
                let text = try String(contentsOf: file, encoding: .utf8)
                guard IdentityKeys.privateKey(from: text) != nil else {
                    throw PlatformError("\(file.path) is not a valid key; delete it to generate a new one")
                }
                keys[name] = text.trimmingCharacters(in: .whitespacesAndNewlines)
            } else {
                let text = IdentityKeys.generatePrivateKey()
                guard fileManager.createFile(atPath: file.path, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw PlatformError("cannot write \(file.path)")
                }
                keys[name] = text
            }
        }
        privateKeys = keys
    }

    /// A random 32-byte secret named `name`, base64, generated on first use and kept like the keys.
    func secret(named name: String) throws -> String {
        let file = directory.appendingPathComponent("\(name).secret")
        if let existing = FileManager.default.contents(atPath: file.path) {
            return String(decoding: existing, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let text = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
        guard FileManager.default.createFile(atPath: file.path, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PlatformError("cannot write \(file.path)")
        }
        return text
    }

    /// The public key of `service`, in text form.
    func publicKey(of service: String) -> String {
        IdentityKeys.publicKeyText(of: IdentityKeys.privateKey(from: privateKeys[service]!)!)
    }
}

/// A reason the local platform cannot start, worded for the person who ran it.
public struct PlatformError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
