import Foundation
import Persistence
import SQLKit

extension BroadcastsMigrations {
    /// Questions to an episode, their history, the public's upvotes and the feed of changes the live stream
    /// reads. Every column the question queue needs is here from the start, so other parts (the answer
    /// log, indicators) build on a table that does not move under them.
    static let questions = Migration("0010_create_questions") { database, kind in
        try await database.raw(
            SQLQueryString(
                """
                CREATE TABLE questions (
                    id TEXT PRIMARY KEY,
                    episode_id TEXT NOT NULL REFERENCES episodes (id),
                    source TEXT NOT NULL,
                    partner_organization_id TEXT,
                    appeal_ref TEXT,
                    original_text TEXT NOT NULL,
                    public_text TEXT,
                    language TEXT NOT NULL,
                    region TEXT,
                    topic TEXT,
                    asker_sealed \(unsafeRaw: kind.bytesType),
                    receipt_hash TEXT UNIQUE,
                    state TEXT NOT NULL,
                    rejection_reason TEXT,
                    merged_into TEXT REFERENCES questions (id),
                    merge_count BIGINT NOT NULL,
                    queue_position BIGINT,
                    upvotes BIGINT NOT NULL,
                    deferred_from_episode_id TEXT REFERENCES episodes (id),
                    answered_at BIGINT,
                    created_by_subject TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    version BIGINT NOT NULL
                )
                """)
        ).run()
        try await database.raw("CREATE INDEX questions_by_episode ON questions (episode_id, state, created_at)").run()
        // One appeal is imported into one episode once (NULLs, the other sources, never collide).
        try await database.raw("CREATE UNIQUE INDEX questions_by_appeal ON questions (episode_id, appeal_ref)").run()
        try await database.raw(
            """
            CREATE TABLE question_history (
                id TEXT PRIMARY KEY,
                question_id TEXT NOT NULL REFERENCES questions (id),
                episode_id TEXT NOT NULL REFERENCES episodes (id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT,
                note TEXT
            )
            """
        ).run()
        try await database.raw("CREATE INDEX question_history_by_question ON question_history (question_id, occurred_at)").run()
        // One upvote per question and client: the client key only as a keyed hash.
        try await database.raw(
            """
            CREATE TABLE question_upvotes (
                question_id TEXT NOT NULL REFERENCES questions (id),
                client_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (question_id, client_hash)
            )
            """
        ).run()
        // The live stream's feed: one row per change, numbered per episode under the episode's lock, so the
        // numbers are committed in order and `Last-Event-ID` resumes without a gap.
        try await database.raw(
            """
            CREATE TABLE question_changes (
                episode_id TEXT NOT NULL REFERENCES episodes (id),
                sequence BIGINT NOT NULL,
                question_id TEXT NOT NULL REFERENCES questions (id),
                occurred_at BIGINT NOT NULL,
                PRIMARY KEY (episode_id, sequence)
            )
            """
        ).run()
    }
}
