import Foundation
import Models

/// Who sent a request, as vouched for by a signed identity assertion.
public enum Identity: Hashable, Sendable {
    /// The public, through the gateway, without signing in.
    case anonymous
    /// A person or partner system the gateway authenticated.
    case principal(Principal)
    /// Another service calling on its own behalf (never on a person's).
    case service(String)

    /// The roles the caller holds; none for the public and for services.
    public var roles: Set<Role> {
        if case .principal(let principal) = self { principal.roles } else { [] }
    }

    /// Whether the caller is a signed-in person (not the public, a partner's API key or a service).
    public var isPerson: Bool {
        if case .principal(let principal) = self { !principal.isAPIKey } else { false }
    }

    /// Whether the caller holds any of `roles`.
    public func hasAnyRole(_ roles: Set<Role>) -> Bool {
        !self.roles.isDisjoint(with: roles)
    }
}

/// A signed-in user or an API key's partner system.
public struct Principal: Hashable, Sendable {
    /// The user's ID, or `apikey:<id>` for a partner system; never personal data.
    public var subject: String
    /// The roles the gateway granted.
    public var roles: Set<Role>
    /// The organisation the principal acts for, which scopes what they may see.
    public var organizationID: UUID?
    /// The region of that organisation (ISO 3166-2:KG), when it has one: a Public Council's region
    /// scopes what its members see.
    public var organizationRegion: Region?

    /// Whether this is a partner system's API key rather than a person.
    public var isAPIKey: Bool { subject.hasPrefix("apikey:") }

    /// Creates a principal.
    public init(subject: String, roles: Set<Role>, organizationID: UUID? = nil, organizationRegion: Region? = nil) {
        self.subject = subject
        self.roles = roles
        self.organizationID = organizationID
        self.organizationRegion = organizationRegion
    }
}
