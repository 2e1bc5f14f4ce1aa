import Foundation
import HTTPTypes
import Models
import ServiceKit

/// A caller as the gateway would vouch for it, for tests that talk to a service directly: the service
/// receives the same signed identity assertion (and client key) it would receive through the gateway.
public struct TestIdentity: Hashable, Sendable {
    /// Who the assertion says is calling.
    public let identity: Identity
    /// The key the gateway derives from the client's address, which services use to tell the public apart.
    public let clientKey: String?

    /// The public, without signing in, from the client the gateway calls `clientKey`.
    public static func anonymous(clientKey: String? = "test-client") -> TestIdentity {
        TestIdentity(identity: .anonymous, clientKey: clientKey)
    }

    /// A signed-in person with `roles`, acting for `organizationID` (in `organizationRegion`, as the
    /// gateway adds for a Public Council); `subject` is the user ID, fresh unless given.
    public static func principal(
        _ roles: Set<Role>, organizationID: UUID? = nil, organizationRegion: Region? = nil,
        subject: String = UUID.v7().uuidString.lowercased()
    ) -> TestIdentity {
        TestIdentity(
            identity: .principal(Principal(subject: subject, roles: roles, organizationID: organizationID, organizationRegion: organizationRegion)),
            clientKey: nil
        )
    }

    /// A partner system calling with an API key of `organizationID`, as the gateway vouches for one.
    public static func partner(organizationID: UUID, keyID: UUID = .v7()) -> TestIdentity {
        TestIdentity(
            identity: .principal(Principal(subject: "apikey:\(keyID.uuidString.lowercased())", roles: [.csoPartner], organizationID: organizationID)),
            clientKey: nil
        )
    }

    /// Another service (or the gateway) calling on its own behalf, for internal routes, signed with its test key.
    public static func service(_ name: String) -> TestIdentity {
        TestIdentity(identity: .service(name), clientKey: nil)
    }

    /// The principal's subject (a user ID, or `apikey:<id>`); `nil` for the public and services.
    public var subject: String? {
        if case .principal(let principal) = identity { principal.subject } else { nil }
    }

    /// A fresh assertion for calling `service`, signed by whoever would sign it on the platform.
    public func assertion(to service: String) async throws -> String {
        switch identity {
        case .service(let name) where name == IdentityAssertion.gatewayIssuer:
            try await TestIdentities.gatewaySigner().assertion(for: identity, audience: service)
        case .service(let name):
            try await TestIdentities.serviceSigner(name).assertion(for: identity, audience: service)
        case .anonymous, .principal:
            try await TestIdentities.gatewaySigner().assertion(for: identity, audience: service, clientKey: clientKey)
        }
    }

    /// The header that carries the assertion for `service`.
    public func headers(to service: String) async throws -> HTTPFields {
        [HTTPField.Name(IdentityAssertion.headerName)!: try await assertion(to: service)]
    }
}
