-- pgbench script for the "appeal submission" reference (Benchmarks/run runs it with -M extended, so every
-- :variable is a bound parameter, as PostgresNIO binds the service's values). It writes what the appeals
-- service writes for one anonymous submission on PostgreSQL (AppealRepository.insert(_:trackingHash:with:)):
-- the appeal row and its "submitted" history row (HistoryRepository.appendStatement), in one statement,
-- the appeal in a data-modifying WITH, so one round trip as in the service.
-- :channel, :region, :locality, :category, :language, :sealed (the sealed description: key ID, nonce,
-- ciphertext and tag, as bytea hex, the same length the service stores) come from pgbench -D.
WITH new_appeal AS (
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
    ) RETURNING id
)
INSERT INTO appeal_history (id, appeal_id, occurred_at, actor, action, from_status, to_status, note, is_public)
SELECT bench_uuid_v7(), new_appeal.id, bench_now_ms(), 'anonymous', 'submitted', NULL, 'received', 'Appeal received.', true
FROM new_appeal;
