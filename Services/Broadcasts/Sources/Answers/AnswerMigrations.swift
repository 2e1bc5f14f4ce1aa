import Foundation
import Persistence
import SQLKit

extension BroadcastsMigrations {
    /// The answer log: one entry per question answered in an episode, with its legal review's history.
    static let answers = Migration(
        "0021_create_answers",
        statements: [
            """
            CREATE TABLE answers (
                id TEXT PRIMARY KEY,
                episode_id TEXT NOT NULL REFERENCES episodes (id),
                question_id TEXT NOT NULL REFERENCES questions (id),
                start_second BIGINT NOT NULL,
                end_second BIGINT NOT NULL,
                guest_id TEXT NOT NULL REFERENCES guests (id),
                summary TEXT NOT NULL,
                legal_references TEXT NOT NULL,
                advice_type TEXT NOT NULL,
                follow_up_owner TEXT,
                follow_up_due_on TEXT,
                review_status TEXT NOT NULL,
                approved_at BIGINT,
                created_by_subject TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            // A question answered in an episode has one entry there; deferred and answered again, one more.
            "CREATE UNIQUE INDEX answers_by_question ON answers (question_id, episode_id)",
            "CREATE INDEX answers_by_episode ON answers (episode_id, start_second)",
            "CREATE INDEX answers_by_approval ON answers (approved_at)",
            """
            CREATE TABLE answer_history (
                id TEXT PRIMARY KEY,
                answer_id TEXT NOT NULL REFERENCES answers (id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                note TEXT
            )
            """,
            "CREATE INDEX answer_history_by_answer ON answer_history (answer_id, occurred_at)",
        ])
}
