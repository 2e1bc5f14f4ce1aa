-- pgbench script for the "event registration" reference (Benchmarks/run --events runs it with -M extended, so
-- every :variable is a bound parameter, as PostgresNIO binds the service's values). It sends what the
-- events-and-hearings service sends for one anonymous registration on PostgreSQL, statement for statement
-- (RegistrationBook.register): the check that the new code's hash is unused, then in one transaction the
-- event's row lock, the queue read (capacity, places taken, waitlist, next arrival number), the registration
-- row and its first history row. The first SELECT stands in for what the service makes in Swift (the ID, the
-- code's and the contact's keyed hashes): one extra round trip on this side.
-- :event (a fresh open event per trial) and :sealed (the sealed participant: key ID, nonce, ciphertext and
-- tag, as bytea hex, the length the service stores) come from pgbench -D.
SELECT bench_uuid_v7() AS rid, bench_tracking_hash() AS code, bench_tracking_hash() AS person \gset
SELECT * FROM registrations WHERE code_hash = :code;
BEGIN;
SELECT status FROM events WHERE id = :event FOR UPDATE;
SELECT
    (SELECT capacity FROM registration_settings WHERE event_id = :event) AS capacity,
    (SELECT moderated FROM registration_settings WHERE event_id = :event) AS moderated,
    (SELECT COUNT(*) FROM registrations WHERE event_id = :event AND kind = 'registered'
        AND status IN ('pending', 'confirmed')) AS taken,
    (SELECT COUNT(*) FROM registrations WHERE event_id = :event AND status = 'waitlisted') AS waitlisted,
    (SELECT COALESCE(MAX(sequence), 0) + 1 FROM registrations WHERE event_id = :event) AS next \gset
INSERT INTO registrations (
    id, event_id, sequence, kind, status, code_hash, participant_key, participant_sealed, show_attendance, attendance,
    checked_in_at, check_in_method, created_at, updated_at, version
) VALUES (
    :rid, :event, :next, 'registered', 'confirmed', :code, :person, :sealed, false, NULL,
    NULL, NULL, bench_now_ms(), bench_now_ms(), 1
);
INSERT INTO registration_history (id, registration_id, occurred_at, actor, action, from_status, to_status, attendance, method)
VALUES (bench_uuid_v7(), :rid, bench_now_ms(), 'registrant', 'registered', NULL, 'confirmed', NULL, NULL);
COMMIT;
