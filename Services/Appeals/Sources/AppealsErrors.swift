import HTTPTypes
import ServiceKit

/// Every error code of the appeals service, defined once. The kit's own (validation, not found, stale
/// version, …) are in ServiceKit.
extension ServiceError {
    // Submission and tracking

    /// No appeal has the tracking code given.
    static let unknownTrackingCode = ServiceError(
        .notFound, code: "unknown_tracking_code", detail: "No appeal has this tracking code; check it and try again."
    )

    /// The client has given too many unknown tracking codes and must wait.
    static func tooManyTrackingAttempts(retryAfterSeconds seconds: Int) -> ServiceError {
        tooManyAttempts("unknown codes", retryAfterSeconds: seconds)
    }

    /// Open311 intake came without a partner's API key.
    static let apiKeyRequired = ServiceError(
        .unauthorized, code: "api_key_required",
        detail: "Open311 intake needs a partner API key: the api_key form field or the X-API-Key header."
    )

    // The workflow

    /// The move is not in the transition table.
    static func illegalTransition(from: AppealStatus, allowed: [String]) -> ServiceError {
        ServiceError(
            .conflict, code: "illegal_transition",
            detail: "An appeal that is \(from.rawValue) can move to: \(allowed.isEmpty ? "nothing" : allowed.joined(separator: ", ")).",
            fieldErrors: ["to": "must be one of: \(allowed.joined(separator: ", "))"])
    }

    /// Reopening a closed appeal is a coordinator's decision.
    static let reopeningNeedsCoordinator = forbidden(because: "Only a coordinator may reopen a closed appeal.")

    /// Legal experts answer appeals; they do not move them otherwise.
    static let legalExpertsOnlyAnswer = forbidden(because: "Legal experts may only mark an appeal answered.")

    /// Fact-checks belong to the verification step.
    static let notInVerification = ServiceError(
        .conflict, code: "not_in_verification", detail: "Fact-checks are recorded while the appeal is in_verification."
    )

    /// Only checked, open appeals go to duty-bearers.
    static let notReferable = ServiceError(
        .conflict, code: "not_referable", detail: "Only verified, open appeals can be referred to duty-bearers."
    )

    /// The referral is not this appeal's, or it was answered already.
    static let replyNotRecordable = ServiceError(
        .conflict, code: "reply_not_recordable", detail: "This referral is unknown or already has a reply."
    )

    /// Only checked, open appeals get responses.
    static let notAnswerable = ServiceError(.conflict, code: "not_answerable", detail: "Only verified, open appeals can be answered.")

    /// The deadline was extended already.
    static let alreadyExtended = ServiceError(.conflict, code: "already_extended", detail: "The deadline of an appeal can be extended once.")

    /// Closed and rejected appeals have no deadline.
    static let notOpen = ServiceError(.conflict, code: "not_open", detail: "Only open appeals have a deadline to extend.")

    // Publication and reference data

    /// Publication comes after verification.
    static let notVerified = ServiceError(
        .conflict, code: "not_verified", detail: "Only verified appeals can be published; verify the facts first."
    )

    /// The appellant did not agree to a public copy.
    static let noConsent = ServiceError(.conflict, code: "no_consent", detail: "The appellant did not consent to publication.")

    /// There is no public copy to withdraw.
    static let notPublished = ServiceError(.conflict, code: "not_published", detail: "This appeal has no public copy.")

    /// A thesaurus code is in use, retired or not.
    static let codeTaken = ServiceError(.conflict, code: "code_taken", detail: "An entry with this code exists; retire it or choose another code.")
}
