import Foundation
import Persistence
import SQLKit
import ServiceKit

/// The events-and-hearings schema. Timestamps are epoch milliseconds, IDs UUID text; localised texts and
/// code lists are JSON text.
enum EventsMigrations {
    static let all = [
        ReferenceDataMigrations.regions, events, registrations, invitations, reports, recommendations, reportUnregisteredAttendees,
        registrationParticipantKeys, registrationHistory,
    ]

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

    /// Registrations, walk-ins and their attendance, and each event's capacity. The person is one sealed
    /// document (``RegistrationRepository``); a registration code is kept only as its keyed hash.
    static let registrations = Migration("0010_create_registrations") { database, kind in
        try await database.raw(
            """
            CREATE TABLE registration_settings (
                event_id TEXT PRIMARY KEY REFERENCES events (id),
                capacity BIGINT NOT NULL,
                moderated BOOLEAN NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """
        ).run()
        try await database.raw(
            SQLQueryString(
                """
                CREATE TABLE registrations (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events (id),
                    sequence BIGINT NOT NULL,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    code_hash TEXT UNIQUE,
                    participant_sealed \(unsafeRaw: kind.bytesType) NOT NULL,
                    show_attendance BOOLEAN NOT NULL,
                    attendance TEXT,
                    checked_in_at BIGINT,
                    check_in_method TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    version BIGINT NOT NULL
                )
                """)
        ).run()
        // Arrival order is unique per event: two registrations can never share a place in the queue.
        try await database.raw("CREATE UNIQUE INDEX registrations_by_arrival ON registrations (event_id, sequence)").run()
        try await database.raw("CREATE INDEX registrations_by_status ON registrations (event_id, status, sequence)").run()
    }

    /// Invitations to duty-bearers and speakers, and the history of their answers.
    static let invitations = Migration(
        "0011_create_invitations",
        statements: [
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id),
                invitee_name TEXT,
                organization_id TEXT,
                role TEXT NOT NULL,
                rsvp TEXT NOT NULL,
                attendance TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX invitations_by_event ON invitations (event_id, id)",
            """
            CREATE TABLE invitation_history (
                id TEXT PRIMARY KEY,
                invitation_id TEXT NOT NULL REFERENCES invitations (id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_value TEXT,
                to_value TEXT,
                note TEXT
            )
            """,
            "CREATE INDEX invitation_history_by_invitation ON invitation_history (invitation_id, occurred_at)",
        ])
}

// MARK: Reports and recommendations (0020–0029)

extension EventsMigrations {
    /// The report of a held event (one per event) and its history. Counts by disaggregation, issues and
    /// related appeals are JSON text: they are read with the report, and indicators sum them per event.
    static let reports = Migration(
        "0020_create_event_reports",
        statements: [
            """
            CREATE TABLE event_reports (
                event_id TEXT PRIMARY KEY REFERENCES events (id),
                status TEXT NOT NULL,
                minutes TEXT NOT NULL,
                attendee_count BIGINT NOT NULL,
                participants TEXT NOT NULL,
                issues_raised TEXT NOT NULL,
                related_appeals TEXT NOT NULL,
                created_by_subject TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                submitted_at BIGINT,
                approved_at BIGINT,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE event_report_history (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES event_reports (event_id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                note TEXT
            )
            """,
            "CREATE INDEX event_report_history_by_event ON event_report_history (event_id, occurred_at)",
        ])

    /// Recommendations made at events, addressed to duty-bearers, and the history of each: scorecards read
    /// them by duty-bearer, and by council through their event.
    static let recommendations = Migration(
        "0021_create_recommendations",
        statements: [
            """
            CREATE TABLE recommendations (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id),
                text TEXT NOT NULL,
                duty_bearer_id TEXT NOT NULL,
                due_on TEXT NOT NULL,
                status TEXT NOT NULL,
                progress BIGINT NOT NULL,
                first_response_at BIGINT,
                created_by_subject TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX recommendations_by_event ON recommendations (event_id, created_at)",
            "CREATE INDEX recommendations_by_duty_bearer ON recommendations (duty_bearer_id)",
            """
            CREATE TABLE recommendation_history (
                id TEXT PRIMARY KEY,
                recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT NOT NULL,
                progress BIGINT NOT NULL,
                evidence TEXT,
                note TEXT
            )
            """,
            "CREATE INDEX recommendation_history_by_recommendation ON recommendation_history (recommendation_id, occurred_at)",
            "CREATE INDEX recommendation_history_by_time ON recommendation_history (occurred_at)",
        ])

    /// Those who came without being on the event's lists, counted by hand (``UnregisteredAttendees``), as JSON
    /// text; `NULL` in reports written before.
    static let reportUnregisteredAttendees = Migration(
        "0022_add_event_report_unregistered", statements: ["ALTER TABLE event_reports ADD COLUMN unregistered TEXT"])

    /// The keyed hash that tells one person's registrations apart from others' (``ParticipantKeys``), for
    /// counting unique participants; `NULL` for a person who gave no contact, and for registrations made before.
    static let registrationParticipantKeys = Migration(
        "0012_add_registration_participant_key", statements: ["ALTER TABLE registrations ADD COLUMN participant_key TEXT"])

    /// Each registration's history: who decided on it, checked it in or marked it, and the waitlist's moves.
    static let registrationHistory = Migration(
        "0013_create_registration_history",
        statements: [
            """
            CREATE TABLE registration_history (
                id TEXT PRIMARY KEY,
                registration_id TEXT NOT NULL REFERENCES registrations (id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                attendance TEXT,
                method TEXT
            )
            """,
            "CREATE INDEX registration_history_by_registration ON registration_history (registration_id, occurred_at)",
        ])
}
