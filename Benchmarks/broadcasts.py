"""The broadcasts scenario of Benchmarks/run (`Benchmarks/run --broadcasts`): the live question wall.

Starts broadcasts and the gateway as separate processes on PostgreSQL (as compose runs them), plans a live episode
with strict moderation, then alternates two sides, each with SUBSCRIBERS public subscribers of the episode's
`GET /api/v1/broadcasts/episodes/{id}/live` (Server-Sent Events), every one on its own connection:

- **gateway**: through the gateway, anonymous, each subscriber a different client (an `X-Forwarded-For` address
  the gateway believes from its trusted proxy, loopback), as a thousand viewers behind a reverse proxy;
- **nginx**: nginx proxying the same service port (`nginx-sse.conf.template`: buffering off, no read timeout),
  with an anonymous identity assertion, as an operator could put it in front of the service instead.

In each trial a moderator approves ROUNDS questions one by one (each sent before, unseen by the public): the
latency of a subscriber is from the moment the approval is sent until that subscriber has read the question's
event. Reported: p50, p99 and max over every subscriber and round, the sides' ratio of p99, and the resident
memory of the gateway and the service with the subscribers connected. Any subscriber missing an event, or any
answer but the expected one, aborts the run.
"""
import asyncio
import base64
import datetime
import json
import resource
import secrets
import socket
import statistics
import subprocess
import time
from pathlib import Path

SUBSCRIBERS = 1_000
ROUNDS = 10            # approvals per trial
KEY_ID = "k1"
CONNECT_SECONDS = 120  # for every subscriber of a side to have its stream open
EVENT_SECONDS = 30     # for every subscriber to have one approval's event
TIMEOUT = 60
LIVE_PATH = "/api/v1/broadcasts/episodes/{}/live"


def start(bench, bins, postgres):
    """broadcasts, then the gateway in front of it, each with its own database, as compose sets them."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    gateway_key, broadcasts_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    for database in ("gateway", "broadcasts"):
        postgres.psql("postgres", f"CREATE DATABASE {database}")
    service = bench.Service("broadcasts", bins["broadcasts"], {
        "DATABASE_URL": postgres.url("broadcasts"),
        "IDENTITY_SIGNING_KEY": bench.raw_private_key(broadcasts_key),
        "IDENTITY_GATEWAY_PUBLIC_KEY": bench.raw_public_key(gateway_key),
        "BROADCASTS_ENCRYPTION_KEYS": f"{KEY_ID}:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "BROADCASTS_QUESTION_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    })
    service_ready = service.wait_ready()
    admin = {"email": "admin@bench.openmedia.local", "password": base64.urlsafe_b64encode(secrets.token_bytes(18)).decode()}
    gateway = bench.Service("gateway", bins["gateway"], {
        "DATABASE_URL": postgres.url("gateway"),
        "IDENTITY_SIGNING_KEY": bench.raw_private_key(gateway_key),
        "IDENTITY_TRUSTED_SERVICES": "broadcasts=" + bench.raw_public_key(broadcasts_key),
        "OPENMEDIA_ADMIN_EMAIL": admin["email"],
        "OPENMEDIA_ADMIN_PASSWORD": admin["password"],
        "SERVICES_BROADCASTS_URL": service.url,
        "GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE": bench.UNLIMITED,
        "GATEWAY_RATE_LIMIT_USER_PER_MINUTE": bench.UNLIMITED,
        # The subscribers come through "a reverse proxy" on loopback, each as its own address.
        "GATEWAY_TRUSTED_PROXIES": "127.0.0.1/32",
        "GATEWAY_METRICS_PORT": str(bench.free_port()),
        "GATEWAY_ACCESS_TOKEN_SECONDS": "3600",
    })
    gateway_ready = gateway.wait_ready()
    bench.log(f"broadcasts ready in {service_ready:.3f} s, gateway in {gateway_ready:.3f} s (PostgreSQL, separate processes)")
    return gateway, service, gateway_key, admin


class Producer:
    """The admin's calls through the gateway: the show, the live episode, questions and their approval."""

    def __init__(self, bench, gateway_url, token):
        self.bench, self.url = bench, gateway_url
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method, path, body=None, expected=200, if_match=None):
        headers = dict(self.headers, **({"If-Match": if_match} if if_match else {}))
        status, text, answer_headers = self.bench.http(method, self.url + path, headers, json.dumps(body).encode() if body else None,
                                                       timeout=TIMEOUT, with_headers=True)
        if status != expected:
            self.bench.fail(f"{method} {path} answered {status}: {text}")
        return json.loads(text) if text else None, answer_headers.get("ETag")

    def live_episode(self):
        show, _ = self.call("POST", "/api/v1/broadcasts/shows", {
            "title": {"ky": "Омбудсмен жооп берет", "ru": "Омбудсмен отвечает"}, "format": "tv", "language": "ky"}, expected=201)
        starts = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).replace(microsecond=0)
        episode, etag = self.call("POST", "/api/v1/broadcasts/episodes", {
            "showId": show["id"], "theme": {"ru": "Право на воду"}, "startsAt": starts.isoformat().replace("+00:00", "Z"),
            "durationMinutes": 60, "moderationMode": "strict"}, expected=201)
        for to in ("announced", "intake_open", "live"):
            _, etag = self.call("POST", f"/api/v1/broadcasts/episodes/{episode['id']}/transitions", {"to": to}, if_match=etag)
        return episode["id"]

    def question(self, episode_id, number):
        """A question sent as the public sends it; strict moderation keeps it from the wall until approved."""
        receipt, _ = self.call("POST", "/api/v1/broadcasts/questions", {
            "episodeId": episode_id, "text": f"Вопрос {number}: когда в Ат-Башы будет чистая вода?", "language": "ru"}, expected=201)
        return receipt["question"]["id"]

    def version(self, episode_id, question_id):
        """The question's ETag, for the approval's If-Match."""
        return self.call("GET", f"/api/v1/broadcasts/episodes/{episode_id}/questions/{question_id}")[1]

    def approve(self, episode_id, question_id, etag):
        self.call("POST", f"/api/v1/broadcasts/episodes/{episode_id}/questions/{question_id}/transitions", {"to": "approved"},
                  if_match=etag)


class Subscribers:
    """SUBSCRIBERS live streams on their own connections, read in one asyncio loop: when each saw which question."""

    def __init__(self, host, port, path, headers_of):
        self.host, self.port, self.path, self.headers_of = host, port, path, headers_of
        self.seen = [dict() for _ in range(SUBSCRIBERS)]   # subscriber -> {question id: monotonic time read}
        self.connected = 0
        self.failures = []
        self.writers = []

    async def subscribe(self, index):
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        except OSError as error:
            self.failures.append(f"subscriber {index}: {error}")
            return
        self.writers.append(writer)
        head = "".join(f"{name}: {value}\r\n" for name, value in self.headers_of(index).items())
        writer.write(f"GET {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: text/event-stream\r\n{head}\r\n".encode())
        status_line = await reader.readline()
        if b" 200 " not in status_line:
            self.failures.append(f"subscriber {index}: {status_line.decode(errors='replace').strip()}")
            return
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        self.connected += 1
        seen = self.seen[index]
        buffer = b""
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return
            now = time.monotonic()
            buffer += chunk
            # Chunked transfer framing and SSE fields arrive mixed; a question's event carries its id in its data.
            for marker in buffer.split(b'"id":"')[1:]:
                seen.setdefault(marker[:36].decode(errors="replace").lower(), now)
            buffer = buffer[-64:]

    def close(self):
        for writer in self.writers:
            writer.close()


async def trial(bench, side, producer, episode_id, memory_of):
    """Opens the side's subscribers, approves ROUNDS questions, returns every subscriber's latency per round (ms)."""
    subscribers = Subscribers(bench.HOST, side["port"], LIVE_PATH.format(episode_id), side["headers"])
    tasks = [asyncio.ensure_future(subscribers.subscribe(index)) for index in range(SUBSCRIBERS)]
    deadline = time.monotonic() + CONNECT_SECONDS
    while subscribers.connected + len(subscribers.failures) < SUBSCRIBERS and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    if subscribers.failures or subscribers.connected < SUBSCRIBERS:
        bench.fail(f"{side['name']}: {subscribers.connected} of {SUBSCRIBERS} streams open; {subscribers.failures[:5]}")
    memory = memory_of()
    latencies = []
    loop = asyncio.get_running_loop()
    for round_ in range(ROUNDS):
        question_id = await loop.run_in_executor(None, producer.question, episode_id, f"{side['name']} {round_}")
        question_id = question_id.lower()
        etag = await loop.run_in_executor(None, producer.version, episode_id, question_id)
        sent = time.monotonic()
        await loop.run_in_executor(None, producer.approve, episode_id, question_id, etag)
        deadline = sent + EVENT_SECONDS
        while sum(question_id in seen for seen in subscribers.seen) < SUBSCRIBERS and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        missing = sum(question_id not in seen for seen in subscribers.seen)
        if missing:
            bench.fail(f"{side['name']}: {missing} of {SUBSCRIBERS} subscribers did not get question {question_id} within {EVENT_SECONDS} s")
        latencies.extend((seen[question_id] - sent) * 1000 for seen in subscribers.seen)
    subscribers.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return latencies, memory


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class NginxStream:
    """nginx proxying the service's event stream (nginx-sse.conf.template)."""

    def __init__(self, bench, upstream_port, assertion_source):
        self.bench = bench
        self.port = bench.free_port()
        self.dir = bench.TMP / "nginx-sse"
        (self.dir / "temp").mkdir(parents=True)
        self.conf = self.dir / "nginx.conf"
        self.assertion_source = assertion_source
        template = (bench.BENCH / "nginx-sse.conf.template").read_text()
        self.conf.write_text(template.replace("@DIR@", str(self.dir)).replace("@PORT@", str(self.port))
                             .replace("@UPSTREAM_PORT@", str(upstream_port)).replace("@USER@", "nobody nogroup"))
        self.refresh_assertion(reload=False)
        subprocess.run(["nginx", "-c", str(self.conf), "-t", "-q"], check=True)
        self.process = bench.spawn("nginx-sse", ["nginx", "-c", str(self.conf), "-g", "daemon off;"])
        bench.wait_until("nginx (streams) listening", lambda: socket.create_connection((bench.HOST, self.port), timeout=1).close() or True, 10)

    def refresh_assertion(self, reload=True):
        """Assertions live at most 60 s, checked when a stream opens: a fresh one before every nginx trial."""
        (self.dir / "assertion.conf").write_text(f'proxy_set_header X-Identity-Assertion "{self.assertion_source()}";\n')
        if reload:
            subprocess.run(["nginx", "-c", str(self.conf), "-s", "reload"], check=True)
            time.sleep(0.5)

    def stop(self):
        self.bench.stop("nginx-sse", self.process)


def run(bench, bins, postgres, args):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < 4 * SUBSCRIBERS + 1000:
        bench.fail(f"the open-file limit ({hard}) is too low for {SUBSCRIBERS} subscribers on two sides; raise `ulimit -Hn`")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))   # inherited by the services and nginx started below
    gateway, service, gateway_key, admin = start(bench, bins, postgres)
    token, _user = bench.sign_in(gateway.url, admin["email"], admin["password"])
    producer = Producer(bench, gateway.url, token)
    episode_id = producer.live_episode()
    bench.probe_assertion_epoch(gateway_key, service.url, "broadcasts", f"/api/v1/broadcasts/episodes/{episode_id}")
    nginx = NginxStream(bench, service.port, lambda: bench.mint_assertion(gateway_key, "broadcasts", None))

    def memory():
        return {"gateway_kib": bench.rss_kib(gateway.process.pid)[0], "broadcasts_kib": bench.rss_kib(service.process.pid)[0]}

    idle = memory()
    sides = [
        {"name": "gateway", "port": gateway.port,
         # A different client each, as the gateway's trusted proxy says.
         "headers": lambda index: {"X-Forwarded-For": f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"}},
        {"name": "nginx", "port": nginx.port, "headers": lambda index: {}},
    ]
    trials = {"gateway": [], "nginx": []}
    for pair in range(args.pairs):
        for side in sides:
            if side["name"] == "nginx":
                nginx.refresh_assertion()
            bench.log(f"  pair {pair + 1}, {side['name']}: {SUBSCRIBERS} subscribers, {ROUNDS} approvals")
            latencies, held = asyncio.run(trial(bench, side, producer, episode_id, memory))
            report = {"p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99), "max_ms": max(latencies),
                      "memory_with_subscribers": held}
            bench.log(f"    p50 {report['p50_ms']:.1f} ms, p99 {report['p99_ms']:.1f} ms, max {report['max_ms']:.1f} ms; {held}")
            trials[side["name"]].append(report)
            time.sleep(1)  # the closed streams' ends reach the service before the next side opens its own
    nginx.stop()
    gateway.stop()
    service.stop()

    def side(reports):
        return {key: statistics.median(report[key] for report in reports) for key in ("p50_ms", "p99_ms", "max_ms")}

    ours, reference = side(trials["gateway"]), side(trials["nginx"])
    return {"live wall": {
        "goal": "p99 < 500 ms until every subscriber has an approved question",
        "subscribers": SUBSCRIBERS, "rounds_per_trial": ROUNDS, "ours": ours, "reference": reference,
        "p99_ratio": ours["p99_ms"] / reference["p99_ms"] if reference["p99_ms"] else None,
        "memory_idle": idle, "trials": trials}}


def write_results(results, directory):
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M") + "-broadcasts"
    (directory / f"{stamp}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    wall = results["scenarios"]["live wall"]
    ours, reference = wall["ours"], wall["reference"]
    held = [report["memory_with_subscribers"] for report in wall["trials"]["gateway"]]
    gateway_mib = statistics.median(entry["gateway_kib"] for entry in held) / 1024
    service_mib = statistics.median(entry["broadcasts_kib"] for entry in held) / 1024
    load = ", ".join(f"{value:.1f}" for value in results["machine"]["load_average_at_start"])
    lines = [f"# Broadcasts benchmark {results['date']} (commit {results['commit']})", "",
             f"{results['machine']['cpus']} CPUs, load average at start {load}; {results['tools']['nginx']}; "
             f"{results['tools']['postgresql']} (fsync on); {results['settings']['pairs']} pairs of trials, alternating. "
             f"Produced by `Benchmarks/run --broadcasts` ({results['settings']['build']}).", "",
             f"{wall['subscribers']} public subscribers of one live episode, each on its own connection; a moderator approves "
             f"{wall['rounds_per_trial']} questions one by one per trial; latency from sending the approval until a subscriber "
             "has read the question (medians over trials).", "",
             "| side | p50 | p99 | max |", "|---|---|---|---|",
             f"| gateway (each subscriber its own client) | {ours['p50_ms']:.1f} ms | {ours['p99_ms']:.1f} ms | {ours['max_ms']:.1f} ms |",
             f"| nginx proxying the same service | {reference['p50_ms']:.1f} ms | {reference['p99_ms']:.1f} ms | {reference['max_ms']:.1f} ms |",
             "", f"p99 ratio gateway / nginx: **{wall['p99_ratio']:.2f}**. Goal: {wall['goal']}.", "",
             f"Resident memory with {wall['subscribers']} subscribers through the gateway: gateway {gateway_mib:.1f} MiB, broadcasts "
             f"{service_mib:.1f} MiB (idle before: gateway {wall['memory_idle']['gateway_kib'] / 1024:.1f} MiB, broadcasts "
             f"{wall['memory_idle']['broadcasts_kib'] / 1024:.1f} MiB).", "",
             f"Whole run: {results['elapsed_s']:.0f} s. Raw trials: `{stamp}.json`.", ""]
    (directory / f"{stamp}.md").write_text("\n".join(lines))
    print("\n".join(lines))
