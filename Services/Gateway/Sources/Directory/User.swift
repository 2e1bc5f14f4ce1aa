import Foundation
import Models

/// A person who signs in: staff, verifiers, legal experts, council members, journalists, partners,
/// stakeholders. The password hash never leaves the repository layer.
struct User: Equatable, Sendable {
    var id: UUID
    var email: String
    var displayName: String
    var passwordHash: String
    var roles: Set<Role>
    var organizationID: UUID?
    var isDisabled: Bool
    var version: Int
    var createdAt: Date
    var updatedAt: Date

    /// The ETag of this version, for `If-Match`.
    var eTag: String { "\"\(version)\"" }

    /// How the user appears in API responses.
    var representation: Representation {
        Representation(
            id: id, email: email, displayName: displayName, roles: roles.map(\.rawValue).sorted(),
            organizationId: organizationID, isDisabled: isDisabled, version: version, createdAt: createdAt, updatedAt: updatedAt
        )
    }

    /// The user as the API shows it: everything but the password hash.
    struct Representation: Codable, Equatable, Sendable {
        var id: UUID
        var email: String
        var displayName: String
        var roles: [String]
        var organizationId: UUID?
        var isDisabled: Bool
        var version: Int
        var createdAt: Date
        var updatedAt: Date
    }

    /// The roles that act for one organisation and so must belong to one.
    static let organizationScopedRoles: Set<Role> = [.councilMember, .journalist, .csoPartner]
}
