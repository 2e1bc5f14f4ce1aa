-- pgbench script for the "appeal submission" reference (Benchmarks/run runs it with -M extended, so every
-- :variable is a bound parameter, as PostgresNIO binds the service's values). It writes what the appeals
-- service writes for one anonymous submission (Services/Appeals/Sources/Routes/SubmissionRoutes.swift):
-- the appeal row (AppealRepository.insert) and its "submitted" history row (HistoryRepository.append),
-- in one transaction, one statement per round trip: BEGIN, INSERT, INSERT, COMMIT.
-- :channel, :region, :locality, :category, :language, :sealed (the sealed description: key ID, nonce,
-- ciphertext and tag, as bytea hex, the same length the service stores) come from pgbench -D.
BEGIN;
INSERT INTO appeals (
    id, channel, region_code, locality, category_code, language, description_sealed, submitter_sealed,
    is_anonymous, gender, age_group, vulnerable_groups, consent_contact, consent_publication, tracking_hash,
    status, is_sensitive, submitted_by_subject, submitted_by_organization, received_at, response_due_at,
    updated_at, version
) VALUES (
    bench_uuid_v7(), :channel, :region, :locality, :category, :language, :sealed, NULL,
    true, NULL, NULL, '', false, true, bench_tracking_hash(),
    'received', false, 'anonymous', NULL, bench_now_ms(), bench_now_ms() + 14 * 86400000,
    bench_now_ms(), 1
) RETURNING id AS appeal_id \gset
INSERT INTO appeal_history (id, appeal_id, occurred_at, actor, action, from_status, to_status, note, is_public)
VALUES (bench_uuid_v7(), :appeal_id, bench_now_ms(), 'anonymous', 'submitted', NULL, 'received', 'Appeal received.', true);
COMMIT;
