import Foundation
import Models
import ServiceKit

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
    /// Raised by every change that must end the user's sessions (roles, organisation, email, password,
    /// disabling); access tokens carry the version they were issued at and stop working when it moves.
    var sessionVersion = 1

    /// The ETag of this version, for `If-Match`.
    var eTag: String { "\"\(version)\"" }

    /// Whether going from `previous` to this user changes what their sessions may do or who may hold
    /// them, so that every session must end.
    func endsSessions(from previous: User) -> Bool {
        roles != previous.roles || organizationID != previous.organizationID || email != previous.email
            || passwordHash != previous.passwordHash || isDisabled != previous.isDisabled
    }

    /// How the user appears in API responses.
    var representation: Representation {
        Representation(
            id: id, email: email, displayName: displayName, roles: roles.sorted { $0.rawValue < $1.rawValue },
            organizationId: organizationID, isDisabled: isDisabled, version: version, createdAt: createdAt, updatedAt: updatedAt
        )
    }

    /// The user as the API shows it: everything but the password hash.
    struct Representation: Codable, Equatable, Sendable {
        var id: UUID
        var email: String
        var displayName: String
        var roles: [Role]
        var organizationId: UUID?
        var isDisabled: Bool
        var version: Int
        var createdAt: Date
        var updatedAt: Date
    }

    /// The roles that act for one organisation and so must belong to one.
    static let organizationScopedRoles: Set<Role> = [.councilMember, .journalist, .csoPartner]

    /// The longest display name: 200 characters (code points, as the OpenAPI document's `maxLength` counts).
    static let displayNameLimit = TextLimit(maxCharacters: 200, required: true)

    /// Adds what is wrong with the user's own fields to `errors` (`email` must already be normalised);
    /// whether the organisation exists is the workflow's to check.
    func check(into errors: inout FieldErrors) {
        errors.add("email", problem: EmailAddress.problem(with: email))
        errors.check(displayName, Self.displayNameLimit, field: "displayName")
        errors.require(!roles.isEmpty, field: "roles", "must name at least one role")
        errors.require(
            roles.isDisjoint(with: Self.organizationScopedRoles) || organizationID != nil, field: "organizationId",
            "is required for council members, journalists and CSO partners")
    }
}
