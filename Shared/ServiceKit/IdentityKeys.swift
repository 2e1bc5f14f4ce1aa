import Crypto
import Foundation

/// Ed25519 keys in the platform's text form: base64 of the 32 raw key bytes.
///
/// One line of base64 fits an environment variable, a Docker secret file and a `.env` line alike.
public enum IdentityKeys {
    /// A new private key in text form.
    public static func generatePrivateKey() -> String {
        Curve25519.Signing.PrivateKey().rawRepresentation.base64EncodedString()
    }

    /// Parses a private key; `nil` when the text is not 32 base64-encoded bytes.
    public static func privateKey(from text: String) -> Curve25519.Signing.PrivateKey? {
        Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines))
            .flatMap { try? Curve25519.Signing.PrivateKey(rawRepresentation: $0) }
    }

    /// Parses a public key; `nil` when the text is not 32 base64-encoded bytes.
    public static func publicKey(from text: String) -> Curve25519.Signing.PublicKey? {
        Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines))
            .flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }

    /// The public half of a private key, in text form.
    public static func publicKeyText(of privateKey: Curve25519.Signing.PrivateKey) -> String {
        privateKey.publicKey.rawRepresentation.base64EncodedString()
    }
}
