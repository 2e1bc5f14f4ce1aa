import Foundation
import Persistence
import ServiceKit

/// The broadcasts schema. Timestamps are epoch milliseconds, IDs UUID text; localised texts and code
/// lists are JSON text.
enum BroadcastsMigrations {
    static let all = [ReferenceDataMigrations.regions, shows, questions, episodeRegions, answers]

    /// Shows, their episodes with their history, and each episode's guests.
    static let shows = Migration(
        "0002_create_shows_and_episodes",
        statements: [
            """
            CREATE TABLE shows (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                description TEXT,
                format TEXT NOT NULL,
                partner_outlet_ids TEXT NOT NULL,
                language TEXT NOT NULL,
                sign_language BOOLEAN NOT NULL,
                regular_slot TEXT,
                created_by_subject TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE episodes (
                id TEXT PRIMARY KEY,
                show_id TEXT NOT NULL REFERENCES shows (id),
                theme TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                duration_minutes BIGINT NOT NULL,
                stream_url TEXT,
                replay_url TEXT,
                producer_subject TEXT,
                moderator_subject TEXT,
                moderation_mode TEXT NOT NULL,
                status TEXT NOT NULL,
                cancellation_reason TEXT,
                announced_at BIGINT,
                created_by_subject TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX episodes_by_start ON episodes (starts_at, id)",
            "CREATE INDEX episodes_by_show ON episodes (show_id, starts_at)",
            """
            CREATE TABLE episode_history (
                id TEXT PRIMARY KEY,
                episode_id TEXT NOT NULL REFERENCES episodes (id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                note TEXT
            )
            """,
            "CREATE INDEX episode_history_by_episode ON episode_history (episode_id, occurred_at)",
            """
            CREATE TABLE guests (
                id TEXT PRIMARY KEY,
                episode_id TEXT NOT NULL REFERENCES episodes (id),
                position BIGINT NOT NULL,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                organization_id TEXT,
                role TEXT NOT NULL,
                expertise TEXT NOT NULL,
                status TEXT NOT NULL,
                consent_to_recording BOOLEAN NOT NULL
            )
            """,
            "CREATE INDEX guests_by_episode ON guests (episode_id, position)",
        ])

    // MARK: The answer log, open formats and indicators (0020 onwards)

    /// The region an episode is made in or for, which the indicators count it under.
    static let episodeRegions = Migration(
        "0020_add_episode_regions",
        statements: [
            "ALTER TABLE episodes ADD COLUMN region_code TEXT",
            "CREATE INDEX episodes_by_status_and_start ON episodes (status, starts_at)",
        ])
}
