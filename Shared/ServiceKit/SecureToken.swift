import Foundation
import Models

/// Random secrets from the system's CSPRNG, as base64url text.
public enum SecureToken {
    /// `count` random bytes as base64url text without padding.
    public static func random(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64URLEncodedString()
    }
}
