import Foundation
import Models
import Persistence
import SQLKit

/// The reads the schedule feed makes of the `episodes` table.
extension EpisodeRepository {
    /// Announced episodes that start at `since` or later, of `showId` if given, soonest first, at most `limit`.
    func schedule(showId: UUID?, since: Date, limit: Int) async throws -> [Episode] {
        var query = SQLQueryString("SELECT * FROM episodes WHERE announced_at IS NOT NULL AND starts_at >= \(bind: since.epochMilliseconds)")
        if let showId { query += " AND show_id = \(bind: showId.text)" }
        query += " ORDER BY starts_at, id LIMIT \(literal: limit)"
        return try await database.sql.raw(query).all().map(episode)
    }

    /// The show's first announced episode that was not called off: where its regular slot begins in the feed.
    func firstAnnounced(of showId: UUID) async throws -> Episode? {
        try await database.sql.raw(
            """
            SELECT * FROM episodes WHERE show_id = \(bind: showId.text) AND announced_at IS NOT NULL
            AND status <> \(bind: EpisodeStatus.cancelled.rawValue) ORDER BY starts_at, id LIMIT 1
            """
        ).first().map(episode)
    }
}
