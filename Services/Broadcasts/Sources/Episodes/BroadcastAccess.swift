import Foundation
import Models
import ServiceKit

/// Who may see and run which show and episode. Checked here, in the service, for every object: the
/// gateway only keeps the public away from the routes that change things.
enum BroadcastAccess {
    /// Project staff: producers and moderators are coordinators, and they run every show and episode.
    static let staff: Set<Role> = [.admin, .coordinator]

    /// Whether `identity` sees planned (not yet announced) episodes.
    static func seesUnannounced(_ identity: Identity) -> Bool {
        guard case .principal(let principal) = identity else { return false }
        return !principal.roles.isDisjoint(with: staff)
    }

    /// The episode if `identity` may see it: staff always, everyone else once it was announced; otherwise
    /// 404, so its existence is not revealed.
    static func require(_ episode: Episode?, visibleTo identity: Identity) throws -> Episode {
        guard let episode, episode.isAnnounced || seesUnannounced(identity) else { throw ServiceError.notFound("episode") }
        return episode
    }
}
