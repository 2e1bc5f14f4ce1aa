import ServiceKit

extension EventAccess {
    /// Whether `identity` is signed in and runs `event`.
    static func mayRun(_ event: Event, _ identity: Identity) -> Bool {
        guard case .principal(let principal) = identity else { return false }
        return mayRun(event.details, principal)
    }
}
