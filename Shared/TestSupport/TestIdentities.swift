import Crypto
import Foundation
import Models
import ServiceKit

/// Keys and assertions for tests: a gateway key and one key per service, fresh for each test process.
public enum TestIdentities {
    /// The gateway's private key.
    public static let gatewayKey = Curve25519.Signing.PrivateKey()
    /// Each service's private key.
    public static let serviceKeys: [String: Curve25519.Signing.PrivateKey] = Dictionary(
        uniqueKeysWithValues: ServiceSettings.serviceNames.map { ($0, Curve25519.Signing.PrivateKey()) }
    )

    /// A signer that signs as the gateway.
    public static func gatewaySigner() async -> IdentitySigner {
        await IdentitySigner(issuer: IdentityAssertion.gatewayIssuer, privateKey: gatewayKey)
    }

    /// A signer that signs as `service`.
    public static func serviceSigner(_ service: String) async -> IdentitySigner {
        await IdentitySigner(issuer: service, privateKey: serviceKeys[service]!)
    }

    /// A valid gateway assertion that `identity` calls `service`.
    public static func assertion(_ identity: Identity, to service: String) async throws -> String {
        try await gatewaySigner().assertion(for: identity, audience: service)
    }

    /// A staff member with the given roles.
    public static func staff(_ roles: Set<Role> = [.coordinator], organizationID: UUID? = nil) -> Identity {
        .principal(Principal(subject: UUID.v7().uuidString.lowercased(), roles: roles, organizationID: organizationID))
    }
}
