import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores episodes: the only code that knows the `episodes` table.
struct EpisodeRepository: Sendable {
    let database: Database

    /// Filters for the list; ``BroadcastAccess`` decides `seesUnannounced`.
    struct Filter: Sendable {
        var showId: UUID?
        var statuses: [EpisodeStatus] = []
        var startsFrom: Date?
        var startsBefore: Date?
        /// Sees planned episodes too (staff).
        var seesUnannounced = false
    }

    /// Stores a new episode with `statements` (its first history entry) in one transaction.
    func insert(_ episode: Episode, with statements: [SQLQueryString]) async throws {
        let details = episode.details
        let insert: SQLQueryString = """
            INSERT INTO episodes (
                id, show_id, theme, starts_at, duration_minutes, stream_url, replay_url, producer_subject, moderator_subject,
                moderation_mode, status, cancellation_reason, announced_at, created_by_subject, created_at, updated_at, version,
                region_code
            ) VALUES (
                \(bind: episode.id.text), \(bind: episode.showId.text), \(bind: try StoredJSON.text(details.theme)),
                \(bind: details.startsAt.epochMilliseconds), \(bind: details.durationMinutes), \(bind: details.streamUrl),
                \(bind: details.replayUrl), \(bind: details.producer), \(bind: details.moderator), \(bind: details.moderationMode.rawValue),
                \(bind: episode.status.rawValue), \(bind: episode.cancellationReason), \(bind: episode.announcedAt?.epochMilliseconds),
                \(bind: episode.createdBySubject), \(bind: episode.createdAt.epochMilliseconds), \(bind: episode.updatedAt.epochMilliseconds),
                \(bind: episode.version), \(bind: details.regionCode?.code)
            )
            """
        try await database.transaction { session in
            try await session.raw(insert).run()
            for statement in statements { try await session.raw(statement).run() }
        }
    }

    func find(_ id: UUID) async throws -> Episode? {
        try await database.sql.raw("SELECT * FROM episodes WHERE id = \(bind: id.text)").first().map(episode)
    }

    /// Saves `episode` if it is still at `expectedVersion`.
    func update(_ episode: Episode, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let details = episode.details
        let updated = try await session.raw(
            """
            UPDATE episodes SET
                theme = \(bind: try StoredJSON.text(details.theme)), starts_at = \(bind: details.startsAt.epochMilliseconds),
                duration_minutes = \(bind: details.durationMinutes), stream_url = \(bind: details.streamUrl),
                replay_url = \(bind: details.replayUrl), producer_subject = \(bind: details.producer),
                moderator_subject = \(bind: details.moderator), moderation_mode = \(bind: details.moderationMode.rawValue),
                region_code = \(bind: details.regionCode?.code),
                status = \(bind: episode.status.rawValue), cancellation_reason = \(bind: episode.cancellationReason),
                announced_at = \(bind: episode.announcedAt?.epochMilliseconds), updated_at = \(bind: episode.updatedAt.epochMilliseconds),
                version = \(bind: episode.version)
            WHERE id = \(bind: episode.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    /// A page of episodes matching `filter`, soonest first.
    func list(_ filter: Filter, page: PageRequest) async throws -> Page<Episode> {
        var query = SQLQueryString("SELECT * FROM episodes WHERE 1 = 1")
        if let show = filter.showId { query += " AND show_id = \(bind: show.text)" }
        if !filter.statuses.isEmpty { query += " AND status IN (\(binds: filter.statuses.map(\.rawValue)))" }
        if let from = filter.startsFrom { query += " AND starts_at >= \(bind: from.epochMilliseconds)" }
        if let before = filter.startsBefore { query += " AND starts_at < \(bind: before.epochMilliseconds)" }
        if !filter.seesUnannounced { query += " AND announced_at IS NOT NULL" }
        if let cursor = page.cursor {
            // A cursor this list issued holds a start time; anything else was refused by the cursor's decoding.
            let startsAt = Int64(cursor.key) ?? .min
            query += " AND (starts_at > \(bind: startsAt) OR (starts_at = \(bind: startsAt) AND id > \(bind: cursor.id.text)))"
        }
        query += " ORDER BY starts_at, id LIMIT \(literal: page.limit + 1)"
        let episodes = try await database.sql.raw(query).all().map(episode)
        return Page(fetched: episodes, limit: page.limit) { Cursor(key: String($0.details.startsAt.epochMilliseconds), id: $0.id) }
    }

    func episode(_ row: any SQLRow) throws -> Episode {
        let details = EpisodeDetails(
            theme: try StoredJSON.decode(LocalizedText.self, try row.decode(column: "theme", as: String.self)),
            startsAt: try row.date("starts_at"),
            durationMinutes: try row.decode(column: "duration_minutes", as: Int.self),
            streamUrl: try row.decode(column: "stream_url", as: String?.self),
            replayUrl: try row.decode(column: "replay_url", as: String?.self),
            producer: try row.decode(column: "producer_subject", as: String?.self),
            moderator: try row.decode(column: "moderator_subject", as: String?.self),
            moderationMode: try row.enumeration("moderation_mode"),
            regionCode: try row.decode(column: "region_code", as: String?.self).flatMap(Region.init(rawValue:))
        )
        return Episode(
            id: try row.uuid("id"), showId: try row.uuid("show_id"), details: details, status: try row.enumeration("status"),
            cancellationReason: try row.decode(column: "cancellation_reason", as: String?.self),
            announcedAt: try row.optionalDate("announced_at"),
            createdBySubject: try row.decode(column: "created_by_subject", as: String.self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            version: try row.decode(column: "version", as: Int.self))
    }
}

extension EpisodeRepository.Filter {
    /// The list's query parameters, validated (`400 invalid_query` naming the parameter).
    init(_ request: Request) throws {
        self.init()
        if let raw = request.uri.queryParameters["showId"] {
            guard let id = UUID(uuidString: String(raw)) else { throw ServiceError.invalidQuery("showId", "showId must be a UUID") }
            showId = id
        }
        statuses = try request.enumListQuery("status") ?? statuses
        startsFrom = try request.dateQuery("from")
        startsBefore = try request.dateQuery("to")
    }
}
