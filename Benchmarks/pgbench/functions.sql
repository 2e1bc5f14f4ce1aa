-- Helpers for the "appeal submission" reference, created in the separate `reference` database only.
-- The appeals service makes these values in Swift before it writes; here PostgreSQL makes them, cheaply:
--   bench_uuid_v7()       a time-ordered UUID in text form, like the service's UUIDv7 IDs (so primary-key
--                         inserts land at the right edge of the B-tree on both sides)
--   bench_tracking_hash() 64 random hex digits, like the HMAC-SHA256 of a tracking code (a random key in
--                         the unique index on both sides)
--   bench_now_ms()        the time in epoch milliseconds, as the service stores timestamps
CREATE FUNCTION bench_now_ms() RETURNS bigint LANGUAGE sql VOLATILE
    AS $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;
CREATE FUNCTION bench_uuid_v7() RETURNS text LANGUAGE sql VOLATILE
    AS $$ SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || substr(gen_random_uuid()::text, 14)
          FROM (SELECT lpad(to_hex(bench_now_ms()), 12, '0') AS h) AS t $$;
CREATE FUNCTION bench_tracking_hash() RETURNS text LANGUAGE sql VOLATILE
    AS $$ SELECT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') $$;
