import Models
import ServiceKit

/// Who may read and change the logframe. Coordinators and admins manage it; stakeholders and staff read
/// every indicator; everyone else, the public included, reads the public ones.
enum LogframeAccess {
    /// The roles that change the logframe.
    static let managers: Set<Role> = [.admin, .coordinator]
    /// The roles that see every indicator and exact figures: staff and national stakeholders.
    static let fullReaders: Set<Role> = [.admin, .coordinator, .verifier, .legalExpert, .stakeholder]

    /// Whether `identity` sees every indicator and exact figures, rather than the public view.
    static func seesEverything(_ identity: Identity?) -> Bool {
        guard case .principal(let principal)? = identity, !principal.isAPIKey else { return false }
        return !principal.roles.isDisjoint(with: fullReaders)
    }

    /// Whether someone who sees what `seesEverything` says may see `indicator`.
    static func canSee(_ indicator: LogframeIndicator, seesEverything: Bool) -> Bool {
        seesEverything || indicator.visibility == .public
    }

    /// The manager making a change, or 401/403. API keys stand for partner systems, never for staff.
    static func requireManager(_ context: ServiceRequestContext) throws -> Principal {
        let actor = try context.requireRole(managers)
        guard !actor.isAPIKey else { throw ServiceError.forbidden }
        return actor
    }
}
