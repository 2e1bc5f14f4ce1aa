"""The events-and-hearings scenarios of Benchmarks/run (`Benchmarks/run --events`).

Starts events-and-hearings and the gateway as separate processes on PostgreSQL (as compose runs them), then:

- **calendar feed**: publishes 1,000 public events through the gateway and runs wrk against the gateway's
  `GET /api/v1/events/calendar.ics` (anonymous, the whole feed of 1,000 events) and against nginx serving a saved
  copy of the same feed as a static file, alternating;
- **registration under load**: anonymous `POST /api/v1/events/registrations` through the gateway (each one a
  sealed participant, a new code, the event's row lock, the queue read, the registration and its history row,
  fsync on) against pgbench sending the same statements (`pgbench/register.sql`) to a copy of the service's
  schema on the same PostgreSQL, alternating. Each trial gets a fresh open event on both sides, unlimited, so
  every registration is confirmed and the two sides' events hold as many rows as they have written.

Reported as throughput ratios. Any response but the expected status aborts the run.
"""
import base64
import datetime
import json
import secrets
import subprocess
import uuid
from pathlib import Path

FEED_EVENTS = 1_000   # the feed's own limit (CalendarController.maxEvents)
FEED_PATH = "/api/v1/events/calendar.ics"
# The feed: a calendar client fetches it now and then, and each answer is about 600 KB built from 1,000 rows, so
# a few connections saturate both sides; more only queue (and time out) behind them.
CONNECTIONS = 4
CLIENTS = 16          # registration: wrk connections and pgbench clients, as appeal submission
PARTICIPANT = {"name": "Бенчмарк Катышуучу", "phone": "+996 700 123 456"}
KEY_ID = "k1"
# Seconds a staff call may take: right after a trial, the requests wrk left in flight are still being answered.
TIMEOUT = 60


def hearing(index):
    """A public hearing in Naryn, the `index`th from 2027-03-01, six hours apart (the feed orders by start)."""
    day = datetime.datetime(2027, 3, 1, 4, 0, tzinfo=datetime.timezone.utc) + datetime.timedelta(hours=6 * index)
    return {"type": "hearing", "title": {"ky": f"Коомдук угуу №{index}", "ru": f"Общественные слушания №{index}"},
            "description": {"ru": "Водоснабжение в Ат-Башы: отчёт айыл окмоту и вопросы жителей."}, "format": "hybrid",
            "startsAt": day.isoformat().replace("+00:00", "Z"),
            "endsAt": (day + datetime.timedelta(hours=3)).isoformat().replace("+00:00", "Z"),
            "venue": {"regionCode": "KG-N", "locality": "At-Bashy", "address": "Lenin 1", "accessibilityNotes": "Step-free entrance"},
            "onlineUrl": "https://meet.example.org/hearing", "languages": ["ky", "ru"],
            "interpretation": ["sign"], "themes": ["environment_water"], "targetGroups": ["right_holder", "duty_bearer"],
            "visibility": "public"}


def start(bench, bins, postgres):
    """events-and-hearings, then the gateway in front of it, each with its own database, as compose sets them (events
    calls the gateway's directory, so the gateway's port is chosen first)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    gateway_key, events_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    gateway_port = bench.free_port()
    for database in ("gateway", "events"):
        postgres.psql("postgres", f"CREATE DATABASE {database}")
    events = bench.Service("events-and-hearings", bins["events-and-hearings"], {
        "DATABASE_URL": postgres.url("events"),
        "IDENTITY_SIGNING_KEY": bench.raw_private_key(events_key),
        "IDENTITY_GATEWAY_PUBLIC_KEY": bench.raw_public_key(gateway_key),
        "EVENTS_ENCRYPTION_KEYS": f"{KEY_ID}:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "EVENTS_REGISTRATION_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "SERVICES_GATEWAY_URL": f"http://{bench.HOST}:{gateway_port}",
    })
    events_ready = events.wait_ready()
    admin = {"email": "admin@bench.openmedia.local", "password": base64.urlsafe_b64encode(secrets.token_bytes(18)).decode()}
    gateway = bench.Service("gateway", bins["gateway"], {
        "DATABASE_URL": postgres.url("gateway"),
        "IDENTITY_SIGNING_KEY": bench.raw_private_key(gateway_key),
        "IDENTITY_TRUSTED_SERVICES": "events-and-hearings=" + bench.raw_public_key(events_key),
        "OPENMEDIA_ADMIN_EMAIL": admin["email"],
        "OPENMEDIA_ADMIN_PASSWORD": admin["password"],
        "SERVICES_EVENTS_AND_HEARINGS_URL": events.url,
        "GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE": bench.UNLIMITED,
        "GATEWAY_RATE_LIMIT_USER_PER_MINUTE": bench.UNLIMITED,
        "GATEWAY_MAX_CONNECTIONS_PER_CLIENT": "100000",
        "GATEWAY_METRICS_PORT": str(bench.free_port()),
        "GATEWAY_ACCESS_TOKEN_SECONDS": "3600",
    }, port=gateway_port)
    gateway_ready = gateway.wait_ready()
    bench.log(f"events-and-hearings ready in {events_ready:.3f} s, gateway in {gateway_ready:.3f} s (PostgreSQL, separate processes)")
    return gateway, events, admin


class Staff:
    """The admin's calls through the gateway: create events and move them along with the ETag just answered."""

    def __init__(self, bench, gateway_url, token):
        self.bench, self.url = bench, gateway_url
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        # The events' organiser: an organisation of the gateway's directory, as events checks.
        council = {"type": "public_council", "regionCode": "KG-N", "name": {"en": "Naryn Public Council (benchmark)"}}
        status, body = bench.http("POST", self.url + "/api/v1/organizations", self.headers, json.dumps(council).encode(), timeout=TIMEOUT)
        if status != 201:
            bench.fail(f"POST /api/v1/organizations answered {status}: {body}")
        self.organizer = json.loads(body)["id"]

    def create(self, fields, *statuses):
        fields = dict(fields, organizerId=self.organizer)
        status, body, headers = self.bench.http("POST", self.url + "/api/v1/events", self.headers, json.dumps(fields).encode(),
                                                timeout=TIMEOUT, with_headers=True)
        if status != 201:
            self.bench.fail(f"POST /api/v1/events answered {status}: {body}")
        event_id, etag = json.loads(body)["id"], headers["ETag"]
        for to in statuses:
            status, body, headers = self.bench.http(
                "POST", f"{self.url}/api/v1/events/{event_id}/transitions", dict(self.headers, **{"If-Match": etag}),
                json.dumps({"to": to}).encode(), timeout=TIMEOUT, with_headers=True)
            if status != 200:
                self.bench.fail(f"moving {event_id} to {to} answered {status}: {body}")
            etag = headers["ETag"]
        return event_id


class EachTrial:
    """A side that runs `before` ahead of every trial (a fresh event), then the side itself."""

    def __init__(self, side, before):
        self.side, self.before, self.name = side, before, side.name

    def run(self, label, seconds, connections, delay_ms=0):
        self.before()
        return self.side.run(label, seconds, connections, delay_ms)


def calendar(bench, gateway, staff, args):
    bench.log(f"calendar feed: publishing {FEED_EVENTS} public events through the gateway")
    for index in range(FEED_EVENTS):
        staff.create(hearing(index), "published")
    status, feed = bench.http("GET", gateway.url + FEED_PATH, timeout=30)
    if status != 200 or feed.count("BEGIN:VEVENT") != FEED_EVENTS:
        bench.fail(f"GET {FEED_PATH} answered {status} with {feed.count('BEGIN:VEVENT')} events, expected {FEED_EVENTS}")
    saved = feed.encode()
    bench.log(f"  {FEED_PATH}: {len(saved)} bytes, {FEED_EVENTS} events")
    nginx = StaticFeed(bench, saved)
    ours = bench.WrkSide(f"gateway {FEED_PATH}", gateway.url + FEED_PATH, check=bench.MetricsCheck(gateway.metrics_url, 200))
    reference = bench.WrkSide("nginx /calendar.ics", nginx.url + "/calendar.ics", check=bench.AccessLogCheck(nginx, 200))
    trials = bench.alternate("calendar", ours, reference, args.pairs, args.duration, CONNECTIONS)
    nginx.stop()
    return bench.summarize(trials, "none: the ratio is the figure", response_bytes=len(saved), events=FEED_EVENTS, connections=CONNECTIONS)


class StaticFeed:
    """nginx serving the saved feed as a static file (nginx-ics.conf.template)."""

    def __init__(self, bench, feed):
        self.bench = bench
        self.port = bench.free_port()
        self.url = f"http://{bench.HOST}:{self.port}"
        self.dir = bench.TMP / "nginx-ics"
        (self.dir / "temp").mkdir(parents=True)
        (self.dir / "feeds").mkdir()
        (self.dir / "feeds" / "calendar.ics").write_bytes(feed)
        self.conf = self.dir / "nginx.conf"
        self.access_log = self.dir / "access.log"
        template = (bench.BENCH / "nginx-ics.conf.template").read_text()
        self.conf.write_text(template.replace("@DIR@", str(self.dir)).replace("@PORT@", str(self.port)).replace("@USER@", "nobody nogroup"))
        subprocess.run(["chmod", "-R", "a+rX", str(self.dir)], check=True)
        subprocess.run(["nginx", "-c", str(self.conf), "-t", "-q"], check=True)
        self.process = bench.spawn("nginx-ics", ["nginx", "-c", str(self.conf), "-g", "daemon off;"])
        bench.wait_until("nginx (feed) listening", lambda: bench.http("GET", self.url + "/calendar.ics", timeout=1)[0] == 200, 10)

    def statuses(self):
        counts = {}
        for line in self.access_log.read_text().splitlines():
            counts[line.split()[0]] = counts.get(line.split()[0], 0) + 1
        return counts

    def stop(self):
        self.bench.stop("nginx-ics", self.process)


def registration(bench, gateway, postgres, staff, args):
    bench.log(f"registration: POST /api/v1/events/registrations through the gateway vs pgbench, {CLIENTS} clients each")
    # Stored as lowercase text; the API writes UUIDs in capitals.
    template = staff.create(hearing(FEED_EVENTS), "published", "registration_open").lower()
    # The reference's database: the service's schema as migrated, with one open event to copy per trial.
    postgres.copy_database("events", "reference")
    postgres.psql("reference", stdin=(bench.BENCH / "pgbench" / "functions.sql").read_text())
    body_file = bench.TMP / "registration.json"

    def fresh_ours():
        event_id = staff.create(hearing(FEED_EVENTS), "published", "registration_open")
        body_file.write_text(json.dumps(dict(PARTICIPANT, eventId=event_id), ensure_ascii=False))

    # FieldCipher.seal: key ID length, key ID, nonce, ciphertext (the participant's JSON), tag.
    sealed_length = 1 + len(KEY_ID) + 12 + len(json.dumps(PARTICIPANT, ensure_ascii=False, separators=(",", ":")).encode()) + 16
    reference_side = bench.PgbenchSide("pgbench", postgres, "reference", bench.BENCH / "pgbench" / "register.sql",
                                       {"event": template, "sealed": "\\x" + secrets.token_hex(sealed_length)})

    def fresh_reference():
        event_id = str(uuid.uuid4())
        postgres.psql("reference", "INSERT INTO events SELECT (json_populate_record(e, json_build_object('id', "
                                   f"'{event_id}'))).* FROM events e WHERE id = '{template}'")
        if postgres.psql("reference", f"SELECT count(*) FROM events WHERE id = '{event_id}'") != "1":
            bench.fail(f"the reference's event {event_id} was not copied from {template}")
        reference_side.variables["event"] = event_id

    ours = EachTrial(bench.WrkSide("gateway -> events-and-hearings (PostgreSQL)", gateway.url + "/api/v1/events/registrations",
                                   script="submit.lua", env={"WRK_BODY_FILE": str(body_file)},
                                   check=bench.MetricsCheck(gateway.metrics_url, 201)), fresh_ours)
    reference = EachTrial(reference_side, fresh_reference)
    fresh_ours()
    bench.wrk(gateway.url + "/api/v1/events/registrations", 2, CLIENTS, script="submit.lua", env={"WRK_BODY_FILE": str(body_file)})
    trials = bench.alternate("registration", ours, reference, args.pairs, args.duration, CLIENTS)
    rows = {db: int(postgres.psql(db, "SELECT count(*) FROM registrations")) for db in ("events", "reference")}
    return bench.summarize(trials, "none yet: the ratio is the figure", clients=CLIENTS, pgbench=reference_side.version, rows_after=rows)


def run(bench, bins, postgres, args):
    gateway, events, admin = start(bench, bins, postgres)
    token, _user = bench.sign_in(gateway.url, admin["email"], admin["password"])
    staff = Staff(bench, gateway.url, token)
    scenarios = {"calendar feed (1,000 events)": calendar(bench, gateway, staff, args),
                 "event registration": registration(bench, gateway, postgres, staff, args)}
    gateway.stop()
    events.stop()
    return scenarios


def write_results(results, directory):
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M") + "-events"
    (directory / f"{stamp}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    feed, register = results["scenarios"]["calendar feed (1,000 events)"], results["scenarios"]["event registration"]
    load = ", ".join(f"{value:.1f}" for value in results["machine"]["load_average_at_start"])
    lines = [f"# Events benchmark {results['date']} (commit {results['commit']})", "",
             f"{results['machine']['cpus']} CPUs, load average at start {load}; {results['tools']['nginx']}; "
             f"{results['tools']['postgresql']} (fsync on); {results['settings']['pairs']} pairs of {results['settings']['duration_s']} s "
             f"trials, alternating. Produced by `Benchmarks/run --events` ({results['settings']['build']}).", "",
             "| scenario | ours | reference | ratio (median; pairs) | ours p99 |", "|---|---|---|---|---|",
             f"| `calendar.ics`, {feed['events']} events ({feed['response_bytes']} bytes), {feed['connections']} connections | "
             f"gateway {feed['ours']['rps_median']:.0f} req/s, p50 {feed['ours']['p50_ms_median']:.2f} ms | nginx static copy "
             f"{feed['reference']['rps_median']:.0f} req/s, p50 {feed['reference']['p50_ms_median']:.2f} ms | "
             f"{feed['throughput_ratio']:.3f} ({feed['pair_ratio_min']:.3f}–{feed['pair_ratio_max']:.3f}) | {feed['ours']['p99_ms_median']:.1f} ms |",
             f"| registration, {register['clients']} clients | gateway {register['ours']['rps_median']:.0f} req/s, p50 "
             f"{register['ours']['p50_ms_median']:.2f} ms | pgbench {register['reference']['rps_median']:.0f} tx/s, p50 "
             f"{register['reference']['p50_ms_median']:.2f} ms | {register['throughput_ratio']:.3f} ({register['pair_ratio_min']:.3f}–"
             f"{register['pair_ratio_max']:.3f}) | {register['ours']['p99_ms_median']:.1f} ms |",
             "", f"Rows after the run: {register['rows_after']}. Whole run: {results['elapsed_s']:.0f} s. Raw trials: `{stamp}.json`.", ""]
    (directory / f"{stamp}.md").write_text("\n".join(lines))
    print("\n".join(lines))
