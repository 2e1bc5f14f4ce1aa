import Foundation
import ServiceKit

/// Whether an access token still speaks for its user: it carries the user's session version from when
/// it was issued, and any change that must end sessions (roles, organisation, email, password, disabling
/// the user or their organisation) raises the version in the database.
///
/// The database is the truth every replica shares; each replica remembers a user's version for
/// ``cacheLifetime`` so that a signed-in client's requests do not each cost a query. A change made on
/// this replica takes effect here at once (``forget(_:)``), on the others within ``cacheLifetime``.
final class SessionVersions: Sendable {
    /// How long a replica trusts the version it last read.
    static let cacheLifetime: TimeInterval = 5
    /// Stands for "no session may be current": disabled, in a disabled organisation, or gone.
    /// Real versions start at 1.
    private static let noSession = 0

    let users: UserRepository
    private let cache = ExpiringCache<UUID, Int>()

    init(users: UserRepository) {
        self.users = users
    }

    /// Whether a token issued at `version` for `userID` is still good.
    func isCurrent(_ version: Int, for userID: UUID, now: Date = Date()) async throws -> Bool {
        if let known = cache.value(for: userID, now: now) { return known == version }
        let current = try await users.activeSessionVersion(of: userID) ?? Self.noSession
        cache.store(current, for: userID, until: now + Self.cacheLifetime)
        return current == version
    }

    /// Drops what this replica remembers of `userIDs` (their sessions just ended).
    func forget(_ userIDs: some Sequence<UUID>) {
        for userID in userIDs { cache.removeValue(for: userID) }
    }
}
