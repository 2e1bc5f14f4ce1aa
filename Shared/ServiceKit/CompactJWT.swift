import Crypto
import Foundation
import Models

/// Compact JWTs signed with Ed25519 (`alg: EdDSA`), made and checked directly with swift-crypto.
///
/// Identity assertions are signed for and verified on every forwarded request. Doing it here, in plain
/// synchronous code, avoids jwt-kit's key-collection actor, through which every request in a process
/// would otherwise queue. Times are JWT NumericDates (seconds since 1970), as jwt-kit and RFC 7519 write them.
enum CompactJWT {
    private struct Header: Codable {
        var alg: String
        var typ: String?
        var kid: String?
    }

    /// Signs `claims` as `kid` with `key`.
    static func sign(_ claims: some Encodable, kid: String, with key: Curve25519.Signing.PrivateKey) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        let header = try encoder.encode(Header(alg: "EdDSA", typ: "JWT", kid: kid)).base64URLEncodedString()
        let payload = try encoder.encode(claims).base64URLEncodedString()
        let signingInput = "\(header).\(payload)"
        let signature = try key.signature(for: Data(signingInput.utf8))
        return "\(signingInput).\(signature.base64URLEncodedString())"
    }

    /// The claims of `token`, unverified: only to learn which key to check it with.
    static func unverifiedClaims<Claims: Decodable>(_ token: String, as type: Claims.Type) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Data(base64URLEncoded: String(parts[1])) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(Claims.self, from: payload)
    }

    /// Whether `token` is an EdDSA JWT whose signature `key` made. Any other `alg` (`none` above all) fails.
    static func hasValidSignature(_ token: String, key: Curve25519.Signing.PublicKey) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerData = Data(base64URLEncoded: String(parts[0])),
            let header = try? JSONDecoder().decode(Header.self, from: headerData), header.alg == "EdDSA",
            let signature = Data(base64URLEncoded: String(parts[2]))
        else { return false }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        return key.isValidSignature(signature, for: signingInput)
    }
}
