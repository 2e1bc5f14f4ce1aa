"""The page scenarios of Benchmarks/run (`Benchmarks/run --pages`).

Starts gateway and appeals as separate processes on PostgreSQL (as compose runs them), seeds published appeals,
loads the counts of a million appeals a year into appeals (as the indicators scenario does) and three public
logframe indicators over them (received, verified, published, each by region, sex, age band and vulnerable
group), and then, for each
public page (the home page, with the latest published appeals; the public dashboard, composed from appeals'
`/internal/indicators`), runs wrk against the gateway's page and against nginx serving a saved copy of the same
page as a static file, alternating (A B A B ...). Reported as throughput ratios; the dashboard's p95 also against
its absolute goal (< 50 ms over a million appeals), at saturation and at a steady pace below it. Pages answered with
anything but 200 abort the run.
"""
import datetime
import json
import statistics
import subprocess
from pathlib import Path

import indicators

PAGES = {"home": "/?lang=ru", "dashboard": "/dashboard?lang=ru&from=2025-01&to=2025-12"}
# The public dashboard's indicators: appeals' figures with every disaggregation the gateway composes.
INDICATORS = [("1.1", "appeals.received", "Получено обращений"), ("1.2", "appeals.verified", "Проверено обращений"),
              ("1.3", "appeals.published", "Опубликовано обращений")]
CONNECTIONS = 16
# The dashboard at a steady pace below saturation as well: 4 connections, each waiting 20 ms between requests
# (at most 200 views a second, far above what a national dashboard's readers make), so its p95 is the time a
# view takes rather than the queue that saturation builds.
PACED_CONNECTIONS = 4
PACED_DELAY_MS = 20
BROWSER = ["Accept: text/html,application/xhtml+xml", "Accept-Language: ru"]


class StaticNginx:
    """nginx serving `pages` (name -> HTML) as static files from a folder of its own."""

    def __init__(self, bench, pages):
        self.bench = bench
        self.port = bench.free_port()
        self.url = f"http://{bench.HOST}:{self.port}"
        self.dir = bench.TMP / "nginx-static"
        (self.dir / "temp").mkdir(parents=True)
        (self.dir / "pages").mkdir()
        for name, html in pages.items():
            (self.dir / "pages" / f"{name}.html").write_bytes(html)
        self.conf = self.dir / "nginx.conf"
        self.access_log = self.dir / "access.log"
        template = (bench.BENCH / "nginx-static.conf.template").read_text()
        self.conf.write_text(template.replace("@DIR@", str(self.dir)).replace("@PORT@", str(self.port)).replace("@USER@", "nobody nogroup"))
        subprocess.run(["chmod", "-R", "a+rX", str(self.dir)], check=True)
        subprocess.run(["nginx", "-c", str(self.conf), "-t", "-q"], check=True)
        self.process = bench.spawn("nginx-static", ["nginx", "-c", str(self.conf), "-g", "daemon off;"])
        bench.wait_until("nginx (static) listening", lambda: bench.http("GET", self.url + "/home.html", timeout=1)[0] == 200, 10)

    def statuses(self):
        counts = {}
        for line in self.access_log.read_text().splitlines():
            counts[line.split()[0]] = counts.get(line.split()[0], 0) + 1
        return counts

    def stop(self):
        self.bench.stop("nginx-static", self.process)


def seed_logframe(bench, gateway_url, token):
    """A project team owning three public indicators over appeals' figures, with baselines and targets."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    status, body = bench.http("POST", gateway_url + "/api/v1/organizations", headers,
                              json.dumps({"type": "project_team", "name": {"en": "Project team"}}).encode())
    if status != 201:
        bench.fail(f"POST /api/v1/organizations answered {status}: {body}")
    owner = json.loads(body)["id"]
    for code, source, name in INDICATORS:
        indicator = {"code": code, "name": {"ru": name}, "unit": "count", "sourceIndicator": source, "ownerId": owner,
                     "visibility": "public", "disaggregations": ["region", "sex", "ageBand", "vulnerableGroup"],
                     "baseline": {"period": "2024", "value": 900000}, "targets": [{"period": "2025", "value": 1000000}]}
        status, body = bench.http("POST", gateway_url + "/api/v1/logframe/indicators", headers, json.dumps(indicator).encode())
        if status != 201:
            bench.fail(f"POST /api/v1/logframe/indicators answered {status}: {body}")


def run(bench, bins, postgres, args):
    gateway, appeals, _key, admin = bench.start_gateway_and_appeals(bins, postgres)
    token, _user = bench.sign_in(gateway.url, admin["email"], admin["password"])
    bench.log(f"pages: seeding {bench.PUBLISHED} published appeals, then the counts of {indicators.APPEALS_PER_YEAR:,} appeals a year")
    bench.seed_published(gateway.url, token, bench.submission_body(gateway.url), bench.PUBLISHED)
    postgres.psql("appeals", stdin=indicators.load_sql())
    seed_logframe(bench, gateway.url, token)
    saved = {}
    for name, path in PAGES.items():
        status, html = bench.http("GET", gateway.url + path, dict(line.split(": ", 1) for line in BROWSER), timeout=30)
        if status != 200:
            bench.fail(f"GET {path} answered {status}: {html[:300]}")
        saved[name] = html.encode()
        bench.log(f"  {path}: {len(saved[name])} bytes of HTML")
    nginx = StaticNginx(bench, saved)
    scenarios = {}
    for name, path in PAGES.items():
        bench.log(f"page {path}: gateway vs nginx serving a static copy, {CONNECTIONS} connections")
        ours = bench.WrkSide(f"gateway {path}", gateway.url + path, BROWSER, check=bench.MetricsCheck(gateway.metrics_url, 200))
        reference = bench.WrkSide(f"nginx /{name}.html", f"{nginx.url}/{name}.html", BROWSER, check=bench.AccessLogCheck(nginx, 200))
        trials = bench.alternate(name, ours, reference, args.pairs, args.duration, CONNECTIONS)
        p95 = [t["p95_ms"] for t in trials["ours"]]
        goal = "p95 < 50 ms over a million appeals a year" if name == "dashboard" else "none: the ratio is the figure"
        scenarios[f"page {path}"] = bench.summarize(trials, goal, page_bytes=len(saved[name]), connections=CONNECTIONS,
                                                     ours_p95_ms_median=statistics.median(p95), ours_p95_ms_max=max(p95))
    path = PAGES["dashboard"]
    bench.log(f"page {path}: paced, {PACED_CONNECTIONS} connections waiting {PACED_DELAY_MS} ms between requests")
    ours = bench.WrkSide(f"gateway {path}", gateway.url + path, BROWSER, check=bench.MetricsCheck(gateway.metrics_url, 200))
    reference = bench.WrkSide("nginx /dashboard.html", f"{nginx.url}/dashboard.html", BROWSER, check=bench.AccessLogCheck(nginx, 200))
    trials = bench.alternate("dashboard-paced", ours, reference, args.pairs, args.duration, PACED_CONNECTIONS, PACED_DELAY_MS)
    p95 = [t["p95_ms"] for t in trials["ours"]]
    scenarios[f"page {path}, paced ({PACED_DELAY_MS} ms between requests)"] = bench.summarize(
        trials, "p95 < 50 ms over a million appeals a year", page_bytes=len(saved["dashboard"]), connections=PACED_CONNECTIONS,
        ours_p95_ms_median=statistics.median(p95), ours_p95_ms_max=max(p95))
    nginx.stop()
    gateway.stop()
    appeals.stop()
    return scenarios


def write_results(results, directory):
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M") + "-pages"
    (directory / f"{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [f"# Page benchmark {results['date']} (commit {results['commit']})", "",
             f"{results['machine']['cpus']} CPUs; {results['tools']['nginx']}; {results['tools']['postgresql']}; "
             f"{results['settings']['pairs']} pairs of {results['settings']['duration_s']} s trials, alternating. "
             "Produced by `Benchmarks/run --pages` on release binaries.", "",
             "| page | gateway | nginx, static copy | ratio (req/s) | gateway p95 | goal |", "|---|---|---|---|---|---|"]
    for name, s in results["scenarios"].items():
        lines.append(f"| {name} ({s['page_bytes']} bytes, {s['connections']} connections) | {s['ours']['rps_median']:.0f} req/s, "
                     f"p50 {s['ours']['p50_ms_median']:.2f} ms | {s['reference']['rps_median']:.0f} req/s, p50 "
                     f"{s['reference']['p50_ms_median']:.2f} ms | {s['throughput_ratio']:.3f} ({s['pair_ratio_min']:.3f}–"
                     f"{s['pair_ratio_max']:.3f}) | {s['ours_p95_ms_median']:.2f} ms (max {s['ours_p95_ms_max']:.2f}) | {s['goal']} |")
    lines += ["", f"Whole run: {results['elapsed_s']:.0f} s. Raw trials: `{stamp}.json`.", ""]
    (directory / f"{stamp}.md").write_text("\n".join(lines))
    print("\n".join(lines))
