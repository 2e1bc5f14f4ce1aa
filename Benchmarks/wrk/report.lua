-- wrk script used by Benchmarks/run for every load.
-- * Prints one JSON line at the end (requests, rate, latency percentiles in ms, errors) for the runner to parse.
-- * With WRK_DELAY_MS > 0, each connection waits that many ms after each response before sending the next
--   request ("paced" load: about connections / (delay + latency) requests per second). wrk cannot fix a
--   request rate and Debian has no wrk2, so this is how the latency scenarios hold the load below saturation.
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.4f, "p90_ms": %.4f, "p95_ms": %.4f, "p99_ms": %.4f, ' ..
    '"max_ms": %.3f, "mean_ms": %.4f, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
