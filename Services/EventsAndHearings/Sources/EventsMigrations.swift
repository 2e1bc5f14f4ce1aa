import Foundation
import Persistence
import ServiceKit

/// The events-and-hearings schema. Timestamps are epoch milliseconds, IDs UUID text; localised texts and
/// code lists are JSON text.
enum EventsMigrations {
    static let all = [ReferenceDataMigrations.regions, events]

    static let events = Migration(
        "0002_create_events",
        statements: [
            """
            CREATE TABLE events (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                title TEXT NOT NULL,
                description TEXT,
                format TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                region_code TEXT REFERENCES regions (code),
                locality TEXT,
                address TEXT,
                accessibility_notes TEXT,
                online_url TEXT,
                organizer_id TEXT NOT NULL,
                co_organizer_ids TEXT NOT NULL,
                languages TEXT NOT NULL,
                interpretation TEXT NOT NULL,
                themes TEXT NOT NULL,
                target_groups TEXT NOT NULL,
                visibility TEXT NOT NULL,
                status TEXT NOT NULL,
                cancellation_reason TEXT,
                published_at BIGINT,
                copied_from TEXT,
                recurrence_rule TEXT,
                created_by_subject TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX events_by_start ON events (starts_at, id)",
            "CREATE INDEX events_by_region ON events (region_code, starts_at)",
            "CREATE INDEX events_by_organizer ON events (organizer_id)",
            """
            CREATE TABLE event_history (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                note TEXT
            )
            """,
            "CREATE INDEX event_history_by_event ON event_history (event_id, occurred_at)",
            """
            CREATE TABLE agenda_items (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id),
                position BIGINT NOT NULL,
                title TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                duration_minutes BIGINT NOT NULL,
                speakers TEXT NOT NULL
            )
            """,
            "CREATE INDEX agenda_items_by_event ON agenda_items (event_id, position)",
            """
            CREATE TABLE occurrence_changes (
                event_id TEXT NOT NULL REFERENCES events (id),
                original_starts_at BIGINT NOT NULL,
                status TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                PRIMARY KEY (event_id, original_starts_at)
            )
            """,
        ])
}
