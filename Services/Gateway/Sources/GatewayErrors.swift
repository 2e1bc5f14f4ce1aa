import HTTPTypes
import ServiceKit

/// Every error code of the gateway, defined once. The kit's own (validation, not found, forbidden, stale
/// version, too many attempts, …) are in ServiceKit.
extension ServiceError {
    // Signing in and credentials

    /// A sign-in failed; the same answer whatever the reason, so it tells nothing about which accounts exist.
    static let invalidCredentials = ServiceError(
        .unauthorized, code: "invalid_credentials", detail: "The email or password is wrong, or the account cannot sign in."
    )

    /// Too many failed sign-ins from this client on this account, or from this client overall.
    static func tooManySignInAttempts(retryAfterSeconds seconds: Int) -> ServiceError {
        tooManyAttempts("failed sign-ins", retryAfterSeconds: seconds)
    }

    /// The refresh token is unknown, expired, revoked or was already used.
    static let invalidRefreshToken = ServiceError(
        .unauthorized, code: "invalid_refresh_token", detail: "The refresh token is invalid, expired or revoked; sign in again."
    )

    /// The bearer token is invalid, expired, or its session ended.
    static let invalidToken: ServiceError = {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = #"Bearer error="invalid_token""#
        return ServiceError(
            .unauthorized, code: "invalid_token",
            detail: "The access token is invalid or expired; refresh it or sign in again.", headers: headers)
    }()

    /// The API key is unknown, revoked or expired.
    static let invalidAPIKey = ServiceError(.unauthorized, code: "invalid_api_key", detail: "The API key is unknown, revoked or expired.")

    /// The API key is good but its scopes do not reach this route.
    static func insufficientScope(_ scopes: [APIKey.Scope]) -> ServiceError {
        ServiceError(
            .forbidden, code: "insufficient_scope",
            detail: "This API key's scopes (\(scopes.map(\.rawValue).joined(separator: ", "))) do not cover this route.")
    }

    // The directory

    /// The email is another account's.
    static let emailTaken = ServiceError(.conflict, code: "email_taken", detail: "Another account already uses this email.")

    /// The email looks like another account's (``EmailAddress/skeleton(of:)``).
    static let emailConfusable = ServiceError(
        .conflict, code: "email_confusable",
        detail: "Another account's email looks the same as this one (letters of another script that look like Latin ones); use another address."
    )

    /// An admin tried to disable their own account, which could leave nobody to manage the directory.
    static let cannotDisableSelf = ServiceError(.conflict, code: "cannot_disable_self", detail: "Admins cannot disable their own account.")

    // The logframe

    /// Another indicator of the logframe already has this code.
    static let logframeCodeTaken = ServiceError(
        .conflict, code: "logframe_code_taken", detail: "Another indicator of the logframe already has this code."
    )

    // The dashboards

    /// A council member asked for a region other than their council's in detail.
    static let regionNotYours = ServiceError(
        .forbidden, code: "region_not_yours",
        detail: "Council members see only their own council's region in detail; ask for that region, or for none."
    )

    // Routing to the services

    /// The path has dot segments or encoded separators, which could make the policy and the service see different paths.
    static let invalidPath = ServiceError(
        .badRequest, code: "invalid_path", detail: "The path must not contain dot segments or encoded slashes or dots."
    )

    /// The caller used up their request budget.
    static func rateLimited(retryAfterSeconds: Int) -> ServiceError {
        var headers = HTTPFields()
        headers[.retryAfter] = String(retryAfterSeconds)
        return ServiceError(
            .tooManyRequests, code: "rate_limited",
            detail: "Too many requests; try again in \(retryAfterSeconds) seconds.", headers: headers
        )
    }

    /// The client already holds as many live streams (`text/event-stream`) as it may.
    static func tooManyLiveStreams(limit: Int) -> ServiceError {
        var headers = HTTPFields()
        headers[.retryAfter] = "5"
        return ServiceError(
            .tooManyRequests, code: "too_many_live_streams",
            detail: "This client already holds \(limit) live streams; close one before opening another.", headers: headers
        )
    }

    /// The service did not answer in time.
    static let upstreamTimeout = ServiceError(
        .gatewayTimeout, code: "upstream_timeout", detail: "The service did not answer in time; try again later."
    )

    /// The service cannot be reached, or has failed repeatedly and is given a pause.
    static func upstreamUnavailable(retryAfterSeconds: Int? = nil) -> ServiceError {
        var headers = HTTPFields()
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return ServiceError(
            .serviceUnavailable, code: "upstream_unavailable",
            detail: "The service is unavailable; try again later.", headers: headers
        )
    }
}
