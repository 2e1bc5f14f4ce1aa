import Models
import ServiceKit

extension ServiceRequestContext {
    /// The signed-in admin, or 401/403. An API key never counts as an admin: its roles stand for a
    /// partner system, and the directory is managed by people.
    func requireAdmin() throws -> Principal {
        let actor = try requireRole([.admin])
        guard !actor.isAPIKey else { throw ServiceError.forbidden }
        return actor
    }
}
