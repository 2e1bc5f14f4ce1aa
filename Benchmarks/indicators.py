"""The optional indicators scenario of Benchmarks/run (`Benchmarks/run --indicators`).

Loads the counts a year of 1,000,000 appeals makes (two years, so the year asked for is a slice) straight into
appeals' `appeal_indicator_counts` on the benchmark's PostgreSQL, then measures the gateway's call
`GET /internal/indicators?from=2025-01&to=2025-12` straight to appeals, signed as the gateway, with a few
connections, as dashboards call it. Goal: p95 under 20 ms. No reference: the figure is absolute.
"""
import datetime
import json
import statistics
import time
from pathlib import Path

YEARS = (2024, 2025)
QUERY = "/internal/indicators?from=2025-01&to=2025-12"
APPEALS_PER_YEAR = 1_000_000
CONNECTIONS = 4
COLD_PERIODS = 10
REGIONS = ["KG-B", "KG-C", "KG-J", "KG-N", "KG-O", "KG-T", "KG-Y", "KG-GB", "KG-GO"]
# Every value of every disaggregation an appeal counts in (AppealIndicatorCounts.marginals): with a million
# appeals a year, every one of them occurs in every month and region.
MARGINALS = ([("", "")]
             + [("sex", v) for v in ("female", "male", "other", "undisclosed", "unknown")]
             + [("age_band", v) for v in ("under_18", "18_29", "30_44", "45_59", "60_plus", "unknown")]
             + [("vulnerable_group", v) for v in (
                 "persons_with_disabilities", "women", "children_youth", "older_persons", "ethnic_minorities", "religious_minorities",
                 "migrants_refugees", "low_income", "rural_residents", "lgbti", "persons_deprived_of_liberty", "journalists_activists")]
             + [("category", v) for v in (
                 "freedom_of_expression", "access_to_information", "fair_trial", "police_conduct", "torture", "land_property", "labour",
                 "social_protection", "health", "education", "discrimination", "gender_based_violence", "disability_rights", "children",
                 "migrants", "environment_water", "public_service_corruption", "housing_utilities", "other")]
             + [("channel", v) for v in (
                 "web", "facebook", "instagram", "telegram", "whatsapp", "hotline", "broadcast", "event", "email", "in_person", "partner")])
EVENTS = ("received", "verified", "published", "answered", "closed")
ANSWER_DAYS = 60  # whole days from receipt to answer, 0..59: the median's histogram (total rows only)


def load_sql():
    marginals = ", ".join(f"('{d}', '{v}')" for d, v in MARGINALS)
    regions = ", ".join(f"'{r}'" for r in REGIONS)
    events = ", ".join(f"'{e}'" for e in EVENTS)
    first, last = f"{YEARS[0]}-01-01", f"{YEARS[-1]}-12-01"
    per_cell = APPEALS_PER_YEAR // 12 // len(REGIONS)
    return f"""
        CREATE TEMP TABLE marginals (dimension TEXT, value TEXT);
        INSERT INTO marginals VALUES {marginals};
        CREATE TEMP TABLE months AS SELECT to_char(d, 'YYYY-MM') AS period FROM generate_series('{first}'::date, '{last}'::date, '1 month') d;
        INSERT INTO appeal_indicator_counts (indicator, period, region_code, dimension, value, days, appeals)
        SELECT e, m.period, r, g.dimension, g.value, 0, 1 + (random() * {per_cell})::int
        FROM months m, unnest(ARRAY[{regions}]) r, marginals g, unnest(ARRAY[{events}]) e
        WHERE NOT (e = 'answered' AND g.dimension = '');
        INSERT INTO appeal_indicator_counts (indicator, period, region_code, dimension, value, days, appeals)
        SELECT 'answered', m.period, r, '', '', d, 1 + (random() * {per_cell // ANSWER_DAYS})::int
        FROM months m, unnest(ARRAY[{regions}]) r, generate_series(0, {ANSWER_DAYS - 1}) d;
        -- Appeals awaiting an answer by due day: every day held some once; most have been answered since.
        INSERT INTO appeal_indicator_counts (indicator, period, region_code, dimension, value, days, appeals)
        SELECT 'open_by_due_day', to_char(d, 'YYYY-MM-DD'), r, g.dimension, g.value, 0,
               CASE WHEN d >= '{YEARS[-1]}-12-01'::date OR random() < 0.02 THEN 1 + (random() * 20)::int ELSE 0 END
        FROM generate_series('{YEARS[0]}-01-01'::date, '{YEARS[-1]}-12-31'::date, '1 day') d, unnest(ARRAY[{regions}]) r, marginals g;
        ANALYZE appeal_indicator_counts;
    """


def run(bench, bins, postgres, args):
    gateway, appeals, gateway_key, _admin = bench.start_gateway_and_appeals(bins, postgres)
    bench.log(f"indicators: loading the counts of {APPEALS_PER_YEAR:,} appeals a year for {YEARS} into appeals' PostgreSQL ...")
    postgres.psql("appeals", stdin=load_sql())
    rows = int(postgres.psql("appeals", "SELECT count(*) FROM appeal_indicator_counts"))
    year_rows = int(postgres.psql("appeals", "SELECT count(*) FROM appeal_indicator_counts WHERE period >= '2025' AND period < '2026'"))
    the_gateway = {"id": "gateway", "roles": []}
    header = [""]
    def fresh():
        header[0] = f"X-Identity-Assertion: {bench.mint_assertion(gateway_key, 'appeals', the_gateway)}"
    fresh()
    status, body = bench.http("GET", appeals.url + QUERY, {"X-Identity-Assertion": header[0].split(": ", 1)[1]}, timeout=30)
    if status != 200:
        bench.fail(f"GET {QUERY} answered {status}: {body[:300]}")
    figures = len(json.loads(body)["items"])
    bench.log(f"  {rows} rows in all, {year_rows} in 2025; the answer: {figures} figures, {len(body)} bytes")
    # Cold: twelve-month periods not asked for yet, each computed from the counts (IndicatorSnapshots keeps an
    # answer per period for 30 s), one at a time, as the first dashboard of a period meets them.
    cold_ms = []
    for month in range(2, 2 + COLD_PERIODS):
        query = f"/internal/indicators?from=2024-{month:02d}&to=2025-{month - 1:02d}"
        fresh()
        began = time.perf_counter()
        status, _ = bench.http("GET", appeals.url + query, {"X-Identity-Assertion": header[0].split(": ", 1)[1]}, timeout=30)
        cold_ms.append((time.perf_counter() - began) * 1000)
        if status != 200:
            bench.fail(f"GET {query} answered {status}")
    bench.log(f"  cold (computed) answers: median {statistics.median(cold_ms):.1f} ms, max {max(cold_ms):.1f} ms over {len(cold_ms)} periods")
    side = bench.WrkSide("appeals " + QUERY, appeals.url + QUERY, header, before=fresh, check=bench.MetricsCheck(appeals.url, 200))
    trials = []
    for index in range(args.pairs):
        report = side.run(f"indicators/{index + 1}", args.duration, CONNECTIONS)
        trials.append(report)
        bench.log(f"  indicators trial {index + 1}: {report['rps']:7.0f} req/s  p50 {report['p50_ms']:.3f} ms  "
                  f"p95 {report['p95_ms']:.3f} ms  p99 {report['p99_ms']:.3f} ms")
    gateway.stop()
    appeals.stop()
    p95 = [t["p95_ms"] for t in trials]
    return {"goal": "p95 < 20 ms", "connections": CONNECTIONS, "rows": rows, "rows_in_year": year_rows,
            "figures": figures, "response_bytes": len(body),
            "cold_ms_median": statistics.median(cold_ms), "cold_ms_max": max(cold_ms), "cold_ms": cold_ms, "p95_ms_median": statistics.median(p95),
            "p95_ms_min": min(p95), "p95_ms_max": max(p95), "rps_median": statistics.median(t["rps"] for t in trials),
            "p50_ms_median": statistics.median(t["p50_ms"] for t in trials), "trials": trials}


def write_results(results, directory):
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M") + "-indicators"
    (directory / f"{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    s = results["scenarios"]["indicators"]
    lines = [f"# Indicators benchmark {results['date']} (commit {results['commit']})", "",
             f"{results['machine']['cpus']} CPUs; {results['tools']['postgresql']}; {results['settings']['pairs']} trials of "
             f"{results['settings']['duration_s']} s, {s['connections']} connections. Produced by `Benchmarks/run --indicators`.", "",
             "| scenario | ours | goal |", "|---|---|---|",
             f"| a year's `GET /internal/indicators` over a million appeals a year ({s['rows_in_year']} count rows in the year, "
             f"{s['rows']} in all; {s['figures']} figures, {s['response_bytes']} bytes) | p95 {s['p95_ms_median']:.2f} ms "
             f"({s['p95_ms_min']:.2f}–{s['p95_ms_max']:.2f}), p50 {s['p50_ms_median']:.2f} ms, {s['rps_median']:.0f} req/s | {s['goal']} |",
             f"| the same, computed (a period not asked for in the last 30 s), one at a time | median {s['cold_ms_median']:.0f} ms, "
             f"max {s['cold_ms_max']:.0f} ms over {len(s['cold_ms'])} periods | none (once per period per 30 s) |",
             "", f"Whole run: {results['elapsed_s']:.0f} s. Raw trials: `{stamp}.json`.", ""]
    (directory / f"{stamp}.md").write_text("\n".join(lines))
    print("\n".join(lines))
