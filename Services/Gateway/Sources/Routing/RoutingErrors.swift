import HTTPTypes
import ServiceKit

extension ServiceError {
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
