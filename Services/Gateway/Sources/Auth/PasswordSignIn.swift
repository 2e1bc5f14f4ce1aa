import Foundation
import Persistence
import ServiceKit

/// Checks an email and password, for the API's sign-in and the site's alike.
///
/// A failure answers identically whether the email is unknown, the password wrong or the account (or its
/// organisation) disabled, and takes as long, so it reveals nothing about which accounts exist. Failures are
/// throttled per email and client and written to the audit log; the caller records the success with what it
/// starts (a refresh token family, a site session).
struct PasswordSignIn: Sendable {
    let users: UserRepository
    let organizations: OrganizationRepository
    let hasher: PasswordHasher
    let throttle: SignInThrottle
    let audit: AuditRepository

    /// The longest password a sign-in reads: far above any password that can be set (``PasswordHasher/maximumBytes``),
    /// so that passwords set before that rule still work, and low enough that no one hashes a megabyte.
    static let maxPasswordBytes = 1024

    /// The active user with `email` and `password`, and their organisation.
    ///
    /// - Throws: ``ServiceError/invalidCredentials``, or ``ServiceError/tooManySignInAttempts(retryAfterSeconds:)``.
    func authenticate(email rawEmail: String, password: String, client: String?) async throws -> (user: User, organization: Organization?) {
        // Credentials that could not name an account at all are refused like a wrong password.
        guard rawEmail.utf8.count <= EmailAddress.maxBytes, password.utf8.count <= Self.maxPasswordBytes else {
            throw ServiceError.invalidCredentials
        }
        let email = EmailAddress.normalized(rawEmail)
        if let seconds = throttle.retryAfter(email: email, client: client) {
            throw ServiceError.tooManySignInAttempts(retryAfterSeconds: seconds)
        }
        let user = try await users.find(email: email)
        let passwordMatches = try await hasher.verify(password, against: user?.passwordHash ?? hasher.decoyHash)
        // Only after the right password, so that the extra query tells a guesser nothing about which emails exist.
        let organization = passwordMatches ? try await user?.organizationID.asyncFlatMap { try await organizations.find($0) } : nil
        guard let user, passwordMatches, !user.isDisabled, organization?.isDisabled != true else {
            throttle.recordFailure(email: email, client: client)
            try await audit.record(
                .signInFailed, by: IdentityAssertion.anonymousSubject, target: .user, id: user?.id.text,
                details: ["reason": SignInFailure(user: user, passwordMatches: passwordMatches).rawValue])
            throw ServiceError.invalidCredentials
        }
        throttle.recordSuccess(email: email, client: client)
        return (user, organization)
    }
}
