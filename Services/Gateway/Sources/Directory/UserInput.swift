import Foundation
import Models
import ServiceKit

/// `POST /api/v1/users`: a new account.
struct NewUser: Decodable {
    let email: String
    let displayName: String
    let password: String
    let roles: [Role]
    let organizationId: UUID?

    /// The account this asks for, before its password is hashed (hashing is costly, so it comes after the checks).
    func user(now: Date) -> User {
        User(
            id: .v7(), email: EmailAddress.normalized(email), displayName: displayName, passwordHash: "", roles: Set(roles),
            organizationID: organizationId, isDisabled: false, version: 1, createdAt: now, updatedAt: now
        )
    }

    /// Adds what is wrong with the input to `errors`; whether the organisation exists is the workflow's to check.
    func check(into errors: inout FieldErrors) {
        user(now: Date()).check(into: &errors)
        errors.add("password", problem: PasswordHasher.problem(with: password))
    }
}

/// `PATCH /api/v1/users/{id}`: the fields to change; absent ones stay as they are.
struct UserChanges: Decodable {
    let email: String?
    let displayName: String?
    let password: String?
    let roles: [Role]?
    /// Absent leaves the organisation; an explicit `null` removes it.
    let organizationId: UUID??

    enum CodingKeys: String, CodingKey { case email, displayName, password, roles, organizationId }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        password = try container.decodeIfPresent(String.self, forKey: .password)
        roles = try container.decodeIfPresent([Role].self, forKey: .roles)
        organizationId = container.contains(.organizationId) ? .some(try container.decodeIfPresent(UUID.self, forKey: .organizationId)) : nil
    }

    /// `user` with these changes but the password, whose hash the workflow computes once the changes are valid.
    func applied(to user: User) -> User {
        var changed = user
        changed.email = email.map(EmailAddress.normalized) ?? user.email
        changed.displayName = displayName ?? user.displayName
        changed.roles = roles.map(Set.init) ?? user.roles
        if let organizationId { changed.organizationID = organizationId }
        return changed
    }

    /// Adds what is wrong with `changed` (these changes applied) to `errors`.
    func check(_ changed: User, into errors: inout FieldErrors) {
        changed.check(into: &errors)
        errors.add("password", problem: password.flatMap(PasswordHasher.problem(with:)))
    }
}
