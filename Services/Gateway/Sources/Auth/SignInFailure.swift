/// Why a sign-in failed, for the audit log only: the client hears the same answer whatever it is.
enum SignInFailure: String, Sendable {
    case unknownEmail = "unknown_email"
    case password
    case disabled
    case organizationDisabled = "organization_disabled"

    /// The reason for a failed sign-in of `user` (nil: no account has the email); the right password of an
    /// enabled user fails only because their organisation is disabled.
    init(user: User?, passwordMatches: Bool) {
        guard let user else {
            self = .unknownEmail
            return
        }
        guard passwordMatches else {
            self = .password
            return
        }
        self = user.isDisabled ? .disabled : .organizationDisabled
    }
}
