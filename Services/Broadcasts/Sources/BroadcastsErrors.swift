import HTTPTypes
import ServiceKit

/// Every error code of the broadcasts service, defined once. The kit's own (validation, not found, stale
/// version, …) are in ServiceKit.
extension ServiceError {
    /// The move is not in the transition table; the problem names the moves there are.
    static func illegalTransition(from: EpisodeStatus, allowed: [EpisodeStatus]) -> ServiceError {
        let codes = allowed.map(\.rawValue)
        return ServiceError(
            .conflict, code: "illegal_transition",
            detail: "An episode that is \(from.rawValue) can move to: \(codes.isEmpty ? "nothing" : codes.joined(separator: ", ")).",
            fieldErrors: ["to": codes.isEmpty ? "no move is allowed from \(from.rawValue)" : "must be one of: \(codes.joined(separator: ", "))"])
    }

    /// A published or cancelled episode is a record: its details and guests no longer change.
    static func episodeIsFinal(_ status: EpisodeStatus) -> ServiceError {
        ServiceError(.conflict, code: "episode_final", detail: "The episode is \(status.rawValue): it no longer changes; plan another.")
    }

    /// The episode has as many guests as one may have.
    static let guestsFull = ServiceError(
        .conflict, code: "guests_full", detail: "An episode has at most \(BroadcastLimits.maxGuests) guests; decline one instead of adding more.")
}
