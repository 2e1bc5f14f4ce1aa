import HTTPTypes

/// Every error code the kit answers with, defined once: requests, bodies and routes, identity, writes,
/// readiness. A service's own codes are in its `<Name>Errors.swift`; a code names one meaning, so a
/// service whose meaning is one of these uses the kit's member (with its own detail where one is taken).
extension ServiceError {
    // The request: body, query, path

    /// The body is not JSON at all, or not the JSON shape the route takes.
    public static func malformedJSON(_ detail: String) -> ServiceError {
        ServiceError(.badRequest, code: "malformed_json", detail: detail)
    }

    /// The body parsed, but some fields are invalid; `fieldErrors` says which and why.
    public static func validationFailed(_ fieldErrors: [String: String]) -> ServiceError {
        ServiceError(
            .unprocessableContent, code: "validation_failed",
            detail: "Some fields are invalid; see `errors` for what to fix.", fieldErrors: fieldErrors
        )
    }

    /// The body is not of the media type the route reads.
    public static func unsupportedMediaType(expected: String) -> ServiceError {
        ServiceError(
            .unsupportedMediaType, code: "unsupported_media_type",
            detail: "Send the request body with Content-Type: \(expected).")
    }

    /// A query parameter is invalid.
    public static func invalidQuery(_ parameter: String, _ message: String) -> ServiceError {
        ServiceError(.badRequest, code: "invalid_query", detail: message, fieldErrors: [parameter: message])
    }

    /// The body exceeds the route's limit; `nil` when the limit is not known where the body was refused.
    public static func bodyTooLarge(limit: Int?) -> ServiceError {
        let detail = limit.map { "The request body is larger than \($0) bytes." } ?? "The request body is too large."
        return ServiceError(.contentTooLarge, code: "body_too_large", detail: detail)
    }

    /// `400 nul_character`: `place` ("The URL", "The body") contains U+0000.
    public static func nulCharacter(in place: String) -> ServiceError {
        ServiceError(.badRequest, code: "nul_character", detail: "\(place) contains a NUL character (U+0000, %00); remove it.")
    }

    /// The client did not send its body in time.
    public static let requestBodyTimeout = ServiceError(
        .requestTimeout, code: "request_timeout", detail: "The request body did not arrive in time; send it again."
    )

    /// The client went away before its request was read (nginx's 499). Nobody receives the answer; the
    /// status is for logs and metrics, which must not count a client's disconnect as a server error.
    public static let clientClosedRequest = ServiceError(
        HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), code: "client_closed_request",
        detail: "The connection closed before the request was complete."
    )

    // Routes and resources

    /// No route has this path.
    public static let notFound = notFound(detail: "No resource exists at this path.")

    /// No resource of this kind has this ID (or the caller may not know it exists).
    public static func notFound(_ what: String) -> ServiceError {
        notFound(detail: "No \(what) has this ID.")
    }

    /// Nothing is at this URL: no route, or no resource the caller may know of. One meaning, one code.
    private static func notFound(detail: String) -> ServiceError {
        ServiceError(.notFound, code: "not_found", detail: detail)
    }

    /// The path exists but not for this method.
    public static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> ServiceError {
        let list = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        var headers = HTTPFields()
        headers[.allow] = list
        return ServiceError(
            .methodNotAllowed, code: "method_not_allowed",
            detail: "This path does not accept this method; it accepts \(list).", headers: headers
        )
    }

    /// An error status Hummingbird raised that no other member names; its code is `http_<status>`.
    public static func httpStatus(_ status: HTTPResponse.Status) -> ServiceError {
        ServiceError(status, code: "http_\(status.code)", detail: status.reasonPhrase)
    }

    // Who is calling

    /// The caller is not signed in and the route needs it.
    public static let authenticationRequired = ServiceError(
        .unauthorized, code: "authentication_required", detail: "Sign in, or send an API key, to use this route."
    )

    /// The caller is signed in but may not do this.
    public static let forbidden = forbidden(because: "Your roles do not allow this.")

    /// The caller is signed in but may not do this, for the reason given (which a person can act on).
    public static func forbidden(because reason: String) -> ServiceError {
        ServiceError(.forbidden, code: "forbidden", detail: reason)
    }

    /// A caller guessing a secret (a password, a tracking code) failed too often and must wait; `attempts`
    /// names what failed ("failed sign-ins").
    public static func tooManyAttempts(_ attempts: String, retryAfterSeconds seconds: Int) -> ServiceError {
        var headers = HTTPFields()
        headers[.retryAfter] = String(seconds)
        return ServiceError(
            .tooManyRequests, code: "too_many_attempts",
            detail: "Too many \(attempts); try again in \(seconds) seconds.", headers: headers)
    }

    /// No identity assertion came with the request.
    public static let identityMissing = ServiceError(
        .unauthorized, code: "identity_missing",
        detail: "Requests must come through the gateway, which vouches for the caller."
    )

    /// The identity assertion is invalid, expired or not meant for this service.
    public static let identityInvalid = ServiceError(
        .unauthorized, code: "identity_invalid",
        detail: "The identity assertion is invalid, expired, or addressed to another service."
    )

    /// The caller is a service that may not use this route.
    public static let callerNotAllowed = ServiceError(
        .forbidden, code: "caller_not_allowed", detail: "This caller may not use this route."
    )

    // Writes

    /// An update came without `If-Match`.
    public static let preconditionRequired = ServiceError(
        .preconditionRequired, code: "precondition_required",
        detail: "Send If-Match with the ETag you last read, so concurrent edits are not lost."
    )

    /// `If-Match: *` matches any version, and so would overwrite an edit the client never saw.
    public static let ifMatchWildcard = ServiceError(
        .preconditionRequired, code: "if_match_wildcard",
        detail: "If-Match: * names no version; send the ETag you last read instead."
    )

    /// Another edit came first: between the client's read and its write, or between ours.
    public static let staleVersion = ServiceError(
        .preconditionFailed, code: "stale_version",
        detail: "The resource changed since you read it; fetch it again and reapply your change."
    )

    /// The `Idempotency-Key` header is not a key.
    public static let invalidIdempotencyKey = ServiceError(
        .badRequest, code: "invalid_idempotency_key",
        detail: "Idempotency-Key must be 1 to 255 visible ASCII characters; a UUID is ideal."
    )

    /// The key was used before with another body.
    public static let idempotencyKeyReused = ServiceError(
        .unprocessableContent, code: "idempotency_key_reused",
        detail: "This Idempotency-Key was already used with a different request body."
    )

    /// The first request with the key has not finished.
    public static let idempotencyKeyInFlight = ServiceError(
        .conflict, code: "idempotency_key_in_flight",
        detail: "A request with this Idempotency-Key is still being processed; retry shortly."
    )

    /// A message the receiver can never apply: unknown type or payload. The sender keeps it as undeliverable.
    public static func unacceptableMessage(_ reason: String) -> ServiceError {
        ServiceError(.unprocessableContent, code: "unacceptable_message", detail: "The message was refused: \(reason).")
    }

    // The service itself

    /// `/ready` while the service shuts down.
    public static let draining = ServiceError(.serviceUnavailable, code: "draining", detail: "The service is shutting down.")

    /// `/ready` before the migrations are applied.
    public static let starting = ServiceError(
        .serviceUnavailable, code: "starting", detail: "The service is still applying migrations."
    )

    /// `/ready` when the database does not answer.
    public static let databaseUnreachable = ServiceError(
        .serviceUnavailable, code: "database_unreachable", detail: "The service cannot reach its database."
    )

    /// Something failed on our side; the detail never carries the internal error.
    public static let internalError = ServiceError(
        .internalServerError, code: "internal_error",
        detail: "The server could not complete the request. It was logged; quote the X-Request-ID when reporting it."
    )
}
