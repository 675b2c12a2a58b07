"""Load with faults on the production topology: nothing lost, nothing sent twice.

Starts, in a temporary folder on 127.0.0.1: PostgreSQL 15, Redis (append-only file on, as a
production broker should be), an SMTP sink counting messages, 2 gunicorn instances (2 processes x
4 threads each) and 2 Celery workers (concurrency 2 each). The people, tokens and the event are made
through the ORM in a setup step (never through the login endpoint). Then, at the same time:

  (a) registration rush: 500 people register through the API for an event of 100 seats, in one minute;
  (b) survey campaign:   2,000 complete Student Survey responses through the API;
  (c) report jobs:       50 survey report jobs spread over every format (csv, xlsx, sav, dta, pdf, json),
                         each asked for by its own survey manager;

and during the run: kill -9 one Celery worker (restarted), kill -9 one gunicorn instance (restarted;
the client, as a load balancer would, sends a request that could not connect to the other instance)
and restart Redis. The beat sweep is run by the script every 20 s while the queues drain (its
"pending for" threshold lowered to 20 s so the run stays short).

Afterwards it checks: exactly 100 confirmed, every accepted (201) response stored, every report job
built once (done, its file there, one "report ready" email each), every email sent once (the SMTP sink
against the notification rows), and no 5xx except while a process was dead. It prints p50/p95/p99
per request kind and the totals, and exits 1 when a check fails.

    .venv/bin/python bench/load.py [--people 500 --seats 100 --responses 2000 --reports 50]

It needs root (PostgreSQL runs as the postgres user), /usr/lib/postgresql/15/bin and redis-server.
Ports: PostgreSQL 55531, Redis 56531, gunicorn 8531 and 8532, the SMTP sink 8533 (--port-base adds to them).
"""

import argparse
import collections
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VENV_BIN = Path(PYTHON).parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SURVEY = "siem-student-survey"
FORMATS = ["csv", "xlsx", "sav", "dta", "pdf", "json"]

SETTINGS = """
from siem_portal.settings.local import *  # noqa: F403
DEBUG = False
SIEM_REQUIRE_MFA_FOR_STAFF = False
# a task taken by a worker that is then killed comes back after this long (Redis transport);
# the default is one hour. Longer than any task runs, shorter than a campaign can wait.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
"""

SETUP = """
import json, sys, django
django.setup()
from django.contrib.auth.models import Group
from accounts.services import api_token_create
from accounts.models import Notification, User
from events.tests.factories import EventFactory
from surveys.models import Response

people, seats, managers = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
event = EventFactory(slug="bench-rush", title="Registration rush", capacity=seats, waitlist_enabled=True)
group, _ = Group.objects.get_or_create(name="survey_manager")

def make(prefix, n):
    users = User.objects.bulk_create(
        [User(email=f"{prefix}{i}@bench.example.org", full_name=f"{prefix} {i}", is_active=True) for i in range(n)]
    )
    from allauth.account.models import EmailAddress
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    # tokens made as after a second factor: the managers among them are staff
    return [api_token_create(user=u, second_factor=True)[1] for u in users], users

people_tokens, _ = make("person", people)
manager_tokens, manager_users = make("manager", managers)
group.user_set.add(*manager_users)
print(json.dumps({
    "event": event.slug,
    "people": people_tokens,
    "managers": manager_tokens,
    "responses_before": Response.objects.filter(survey__slug="__SURVEY__").count(),
    "notifications_before": Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
}))
""".replace("__SURVEY__", SURVEY)

CHECK = """
import collections, json, os, sys, django
django.setup()
from accounts.models import Notification
from events.models import Registration
from surveys.models import Answer, Response
from surveys.reports.models import ReportJob
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute(
        "SELECT pg_database_size(current_database()), pg_total_relation_size('surveys_answer'),"
        " pg_total_relation_size('surveys_response')"
    )
    sizes = dict(zip(["database", "answers", "responses"], cursor.fetchone()))
rows = Notification.objects.filter(pk__gt=int(sys.argv[1])).values_list("recipient__email", "subject", "status")
print(json.dumps({
    "registrations": dict(collections.Counter(
        Registration.objects.filter(event__slug="bench-rush").values_list("state", flat=True))),
    "responses": Response.objects.filter(survey__slug="__SURVEY__").count(),
    "jobs": [
        [j.pk, j.format, j.status, bool(j.file_path) and os.path.exists(j.file_path), j.requester.email]
        for j in ReportJob.objects.select_related("requester")
    ],
    "notifications": [list(r) for r in rows],
    "answers_per_response": Answer.objects.count() / max(Response.objects.count(), 1),
    "sizes": sizes,
}))
""".replace("__SURVEY__", SURVEY)

PENDING = """
import json, django
django.setup()
from accounts.models import Notification
from surveys.reports.models import ReportJob
print(json.dumps([
    Notification.objects.filter(status="pending").count(),
    ReportJob.objects.filter(status__in=["queued", "running"]).count(),
]))
"""

SWEEP = """
import json, django
from datetime import timedelta
django.setup()
from siem_portal.jobs import pending_jobs_requeue
print(json.dumps(pending_jobs_requeue(older_than=timedelta(seconds=20))))
"""


class Sink:
    """aiosmtpd handler: every message's recipients and subject."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        self.arrived = collections.defaultdict(list)  # (to, subject) -> monotonic arrival times

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        from email import message_from_bytes, policy

        subject = str(message_from_bytes(envelope.content, policy=policy.default).get("Subject", ""))
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.messages.append((rcpt.lower(), subject))
                self.arrived[(rcpt.lower(), subject)].append(time.monotonic())
        return "250 OK"


class Cluster:
    def __init__(self, tmp: Path, port_base: int, smtp_port: int):
        self.tmp = tmp
        self.pg_port, self.redis_port = 55531 + port_base, 56531 + port_base
        self.web_ports = [8531 + port_base, 8532 + port_base]
        self.web, self.workers, self.redis = {}, {}, None
        self.dead = []  # (what, start, end) while a process or Redis was down
        self.exited = []  # processes that died on their own and were restarted by supervise()
        self.lock = threading.Lock()  # a fault and the supervisor never restart the same process at once
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "CELERY_", "EMAIL_"))},
            "PYTHONPATH": f"{tmp}:{ROOT}",
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "DATABASE_URL": f"postgres://siem@127.0.0.1:{self.pg_port}/siem",
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/1",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "THROTTLE_WRITE": "1000000/min",
            "THROTTLE_AUTH": "1000000/min",
            "MEDIA_ROOT": str(tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
            "LOG_LEVEL": "WARNING",
        }
        (tmp / "bench_settings.py").write_text(SETTINGS)

    def log(self, name):
        return (self.tmp / f"{name}.log").open("a")

    # --- services -----------------------------------------------------------------------------

    def start_postgres(self):
        data, sock = self.tmp / "pgdata", self.tmp / "pgsock"
        data.mkdir()
        sock.mkdir()
        shutil.chown(data, "postgres")
        shutil.chown(sock, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
        subprocess.run(
            [*run_as, PG_BIN / "initdb", "-D", data, "-U", "siem", "--auth=trust", "-E", "UTF8"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-h 127.0.0.1 -p {self.pg_port} -k {sock} -c max_connections=200 -c shared_buffers=128MB"
        subprocess.run(
            [*run_as, PG_BIN / "pg_ctl", "-D", data, "-l", sock / "postgres.log", "-w", "-o", options, "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [*run_as, PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "siem", "siem"], check=True
        )

    def stop_postgres(self):
        if (self.tmp / "pgdata").exists():
            subprocess.run(
                ["runuser", "-u", "postgres", "--", PG_BIN / "pg_ctl", "-D", self.tmp / "pgdata", "-m", "fast", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def start_redis(self):
        (self.tmp / "redis").mkdir(exist_ok=True)
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.redis_port),
                "--dir",
                str(self.tmp / "redis"),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
            ],
            stdout=self.log("redis"),
            stderr=subprocess.STDOUT,
        )
        wait_until(
            lambda: (
                subprocess.run(["redis-cli", "-p", str(self.redis_port), "ping"], capture_output=True).stdout.strip()
                == b"PONG"
            ),
            20,
            "redis",
        )

    def restart_redis(self, down_for: float):
        start = time.monotonic()
        subprocess.run(["redis-cli", "-p", str(self.redis_port), "shutdown"], capture_output=True)
        self.redis.wait(timeout=20)
        time.sleep(down_for)
        self.start_redis()
        self.dead.append(("redis", start, time.monotonic()))

    def manage(self, *args, env=None):
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def python(self, script, *args):
        out = subprocess.run(
            [PYTHON, "-c", script, *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        )
        return json.loads(out.stdout.strip().splitlines()[-1])

    def start_web(self, i):
        self.web[i] = subprocess.Popen(
            [
                VENV_BIN / "gunicorn",
                "--workers",
                "2",
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{self.web_ports[i]}",
                "--timeout",
                "60",
                "--log-level",
                "warning",
                "siem_portal.wsgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log(f"web{i}"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(lambda: http_ok(self.web_ports[i]), 60, f"gunicorn {i}")

    def start_worker(self, i):
        self.workers[i] = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "siem_portal",
                "worker",
                "-n",
                f"bench{i}@%h",
                "--concurrency",
                "2",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log(f"worker{i}"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill9(self, process):
        """kill -9 the process and every process of its group (gunicorn's or Celery's children)."""
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

    def kill_worker(self, i, down_for):
        with self.lock:
            start = time.monotonic()
            self.kill9(self.workers[i])
            time.sleep(down_for)
            self.start_worker(i)
            self.dead.append((f"worker {i} killed", start, time.monotonic()))

    def kill_web(self, i, down_for):
        with self.lock:
            start = time.monotonic()
            self.kill9(self.web[i])
            time.sleep(down_for)
            self.start_web(i)
            self.dead.append((f"web {i} killed", start, time.monotonic()))

    def supervise(self, stop: threading.Event):
        """What systemd's Restart=always does in production: start again a process that exited."""
        while not stop.wait(1):
            with self.lock:
                for name, processes, start in (
                    ("web", self.web, self.start_web),
                    ("worker", self.workers, self.start_worker),
                ):
                    for i, process in processes.items():
                        if process.poll() is not None:
                            began = time.monotonic()
                            self.exited.append(f"{name} {i} (exit code {process.returncode})")
                            start(i)
                            self.dead.append((f"{name} {i} exited", began - 1, time.monotonic()))

    def stop(self):
        for process in [*self.web.values(), *self.workers.values()]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.web.values(), *self.workers.values()]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9(process)
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(timeout=20)
        self.stop_postgres()


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{what} did not start in {timeout} s")


def http_ok(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    conn.request("GET", "/healthz")
    return conn.getresponse().status == 200


class Client:
    """Round-robin over the web instances; a request that cannot connect goes to the next instance,
    as a load balancer's health check would send it. Records (kind, status, seconds, when)."""

    def __init__(self, ports):
        self.ports = ports
        self.next = 0
        self.lock = threading.Lock()
        self.records = []
        self.failovers = 0

    def request(self, kind, method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        with self.lock:
            first = self.next
            self.next = (self.next + 1) % len(self.ports)
        for attempt in range(len(self.ports) * 3):
            port = self.ports[(first + attempt) % len(self.ports)]
            start = time.monotonic()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            try:
                conn.connect()
            except OSError:
                with self.lock:
                    self.failovers += 1
                time.sleep(0.1 * attempt)
                continue
            try:
                conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
                response = conn.getresponse()
                raw = response.read()
                status = response.status
            except OSError:  # the process died with the request inside: its outcome is unknown
                status, raw = 0, b""
            finally:
                conn.close()
            with self.lock:
                self.records.append((kind, status, time.monotonic() - start, start))
            return status, raw
        with self.lock:
            self.records.append((kind, -1, 0.0, time.monotonic()))
        return -1, b""


def student_response_payloads(env, n, seed=1):
    """n complete, valid Student Survey responses in the API's shape, from the demo generator."""
    script = textwrap.dedent(
        f"""
        import json, random, django
        django.setup()
        from surveys.definition import load_definition
        from surveys.demo import DEMO_INSTITUTIONS, synthetic_values
        from surveys.models import Survey
        definition = load_definition(Survey.objects.get(slug="{SURVEY}"))
        by_id = {{q.id: q for q in definition.answerable()}}
        rng = random.Random({seed})
        out = []
        while len(out) < {n}:
            meta, rows = synthetic_values(definition, rng, rng.choice(DEMO_INSTITUTIONS))
            if not meta["consent"]:
                continue
            values = {{}}
            for qid, cid, number, text, day in rows:
                q = by_id[qid]
                if q.type in ("multiple", "ranking"):
                    values.setdefault(q.code, []).append(next(c.code for c in q.choices if c.id == cid))
                elif cid:
                    values[q.code] = next(c.code for c in q.choices if c.id == cid)
                    if text:
                        values[q.code + "__other"] = text
                elif day:
                    values[q.code] = day.isoformat()
                elif number is not None:
                    values[q.code] = number
                else:
                    values[q.code] = text
            out.append({{"answers": values, "consent": True}})
        print(json.dumps(out))
        """
    )
    out = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentiles(values):
    if not values:
        return "-"
    values = sorted(values)
    q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
    return f"p50 {q[49] * 1000:7.0f} ms   p95 {q[94] * 1000:7.0f} ms   p99 {q[98] * 1000:7.0f} ms"


def main():  # noqa: C901, PLR0915 (one script, read top to bottom)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--responses", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--rush-seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16, help="concurrent client threads")
    parser.add_argument("--port-base", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("Run as root: PostgreSQL is started as the postgres user.")

    from aiosmtpd.controller import Controller

    tmp = Path(tempfile.mkdtemp(prefix="siem-load-"))
    tmp.chmod(0o755)
    sink = Sink()
    smtp_port = 8533 + args.port_base
    smtp = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    cluster = Cluster(tmp, args.port_base, smtp_port)
    began = time.monotonic()
    failed = []
    stop_supervisor = threading.Event()
    try:
        print(f"setting up in {tmp} ...", flush=True)
        cluster.start_postgres()
        cluster.start_redis()
        # the demo content's own emails are not part of the run: it is seeded without the broker
        quiet = {"CELERY_BROKER_URL": "", "EMAIL_URL": "consolemail://"}
        cluster.manage("migrate", "--noinput")
        cluster.manage("seed_demo", env=quiet)
        data = cluster.python(SETUP, str(args.people), str(args.seats), str(args.reports))
        payloads = student_response_payloads(cluster.env, min(args.responses, 200))
        for i in (0, 1):
            cluster.start_web(i)
            cluster.start_worker(i)
        setup_seconds = time.monotonic() - began
        print(f"set up in {setup_seconds:.0f} s; load starts", flush=True)

        client = Client(cluster.web_ports)
        stop_faults = threading.Event()
        started = time.monotonic()

        def faults():
            # while the load runs: a worker, a web instance, then Redis
            for at, action in (
                (12, lambda: cluster.kill_worker(0, 3)),
                (24, lambda: cluster.kill_web(1, 0)),
                (36, lambda: cluster.restart_redis(2)),
            ):
                while time.monotonic() - started < at:
                    if stop_faults.wait(0.2):
                        return
                action()
                print(f"  fault done at {time.monotonic() - started:.0f} s: {cluster.dead[-1][0]}", flush=True)

        fault_thread = threading.Thread(target=faults)
        fault_thread.start()
        supervisor = threading.Thread(target=cluster.supervise, args=(stop_supervisor,))
        supervisor.start()

        rng = random.Random(2)
        statuses = collections.defaultdict(collections.Counter)
        accepted_responses = [0]
        registrations = {}

        def register(i, token):
            delay = started + i * args.rush_seconds / args.people - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            status, raw = client.request(
                "registration", "POST", f"/api/v1/events/{data['event']}/registrations/", {}, token
            )
            statuses["registration"][status] += 1
            if status == 201:
                registrations[token] = json.loads(raw)["state"]

        def respond(i):
            status, _raw = client.request(
                "survey response", "POST", f"/api/v1/surveys/{SURVEY}/responses/", payloads[i % len(payloads)]
            )
            statuses["survey response"][status] += 1
            if status == 201:
                with client.lock:
                    accepted_responses[0] += 1

        def ask_report(i, token):
            time.sleep(rng.uniform(0, args.rush_seconds / 2))
            fmt = FORMATS[i % len(FORMATS)]
            status, _raw = client.request(
                "report job", "POST", f"/api/v1/surveys/{SURVEY}/reports/", {"format": fmt}, token
            )
            statuses["report job"][status] += 1

        with ThreadPoolExecutor(max_workers=args.clients + 8) as pool:
            futures = [pool.submit(register, i, t) for i, t in enumerate(data["people"])]
            futures += [pool.submit(ask_report, i, t) for i, t in enumerate(data["managers"])]
            futures += [pool.submit(respond, i) for i in range(args.responses)]
            for future in futures:
                future.result()
        load_seconds = time.monotonic() - started
        stop_faults.set()
        fault_thread.join()
        print(f"load done in {load_seconds:.0f} s; draining the queues", flush=True)

        # drain: the workers finish; the sweep (beat's job) queues again what a fault left pending
        drain_start = time.monotonic()
        swept = collections.Counter()
        last_sweep = time.monotonic()
        while time.monotonic() - drain_start < 300:
            pending, jobs = cluster.python(PENDING)
            if pending == 0 and jobs == 0:
                break
            if time.monotonic() - last_sweep > 20:
                swept.update(cluster.python(SWEEP))
                last_sweep = time.monotonic()
            time.sleep(2)
        time.sleep(3)  # the last SMTP deliveries
        drain_seconds = time.monotonic() - drain_start
        stop_supervisor.set()
        supervisor.join()
        result = cluster.python(CHECK, str(data["notifications_before"]))
    finally:
        stop_supervisor.set()
        cluster.stop()
        smtp.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    # --- report ---------------------------------------------------------------------------------
    def check(ok, text):
        print(("  ok    " if ok else "  FAIL  ") + text)
        if not ok:
            failed.append(text)

    print()
    print(
        f"Load with faults: {args.people} people for {args.seats} seats in {args.rush_seconds:.0f} s, "
        f"{args.responses} survey responses, {args.reports} report jobs; 2 gunicorn x 2 processes x 4 threads, "
        f"2 Celery workers x 2, PostgreSQL 15, Redis; {os.cpu_count()} CPUs"
    )
    print(f"setup {setup_seconds:.0f} s, load {load_seconds:.0f} s, queues drained {drain_seconds:.0f} s after")
    for name, start, end in cluster.dead:
        print(f"  {name}: down from {start - started:5.1f} s to {end - started:5.1f} s")
    if cluster.exited:
        print(f"  processes that exited on their own and were started again: {', '.join(cluster.exited)}")
    print()
    by_kind = collections.defaultdict(list)
    for kind, _status, seconds, _when in client.records:
        by_kind[kind].append(seconds)
    for kind, values in by_kind.items():
        print(f"  {kind:16} {len(values):5d} requests  {percentiles(values)}   statuses {dict(statuses[kind])}")
    all_seconds = [s for _k, _st, s, _w in client.records]
    print(
        f"  {'all':16} {len(all_seconds):5d} requests  {percentiles(all_seconds)}   "
        f"{len(all_seconds) / load_seconds:.0f} requests/s; {client.failovers} connections refused, sent elsewhere"
    )

    def while_dead(when, grace=5.0):
        return any(start - 1 <= when <= end + grace for _n, start, end in cluster.dead)

    errors = [(k, st, w) for k, st, _s, w in client.records if st >= 500 or st <= 0]
    during = [e for e in errors if while_dead(e[2])]
    outside = [e for e in errors if not while_dead(e[2])]
    print(
        f"  5xx or broken connections: {len(during)} while a process was down, {len(outside)} otherwise "
        f"{collections.Counter((k, st) for k, st, _w in errors)}"
    )
    if outside:
        print(f"    otherwise at: {', '.join(f'{k} {st} at {w - started:.1f} s' for k, st, w in outside)}")
    print()

    states = result["registrations"]
    check(states.get("confirmed", 0) == args.seats, f"exactly {args.seats} confirmed (got {states})")
    accepted = sum(1 for s in registrations.values())
    check(sum(states.values()) >= accepted, f"every accepted registration stored ({accepted} accepted)")
    stored = result["responses"] - data["responses_before"]
    unknown = statuses["survey response"][0]
    check(
        accepted_responses[0] <= stored <= accepted_responses[0] + unknown,
        f"every accepted response stored: {accepted_responses[0]} accepted, {stored} stored, "
        f"{unknown} with an unknown outcome (the process died)",
    )
    jobs = result["jobs"]
    check(
        len(jobs) == args.reports and all(status == "done" and exists for _pk, _f, status, exists, _e in jobs),
        f"every report job built: {collections.Counter(status for _pk, _f, status, _x, _e in jobs)} "
        f"over {sorted({f for _pk, f, *_ in jobs})}",
    )
    ready = collections.Counter(to for to, subject in sink.messages if subject.startswith("Survey report ready"))
    check(
        sorted(ready.values()) == [1] * args.reports,
        f"one 'report ready' email per job ({sum(ready.values())} emails for {len(ready)} requesters)",
    )
    notes = result["notifications"]
    sent = collections.Counter((to.lower(), subject) for to, subject, status in notes if status == "sent")
    mailed = collections.Counter(sink.messages)
    left = collections.Counter(status for _to, _subject, status in notes)
    check(
        mailed == sent and left.get("pending", 0) == 0 and left.get("failed", 0) == 0,
        f"every email sent once: {sum(mailed.values())} received by the SMTP sink, {sum(sent.values())} "
        f"notifications sent {dict(left)}; duplicates {sum(n - 1 for n in mailed.values() if n > 1)}",
    )
    if mailed != sent:
        print(
            f"        received, not sent: {list((mailed - sent).items())[:3]}; sent, not received: "
            f"{list((sent - mailed).items())[:3]}"
        )
        for key in mailed - sent:
            times = ", ".join(f"{t - started:.1f} s" for t in sink.arrived[key])
            print(f"        {key} arrived at {times}")
    check(not outside, "no 5xx except while a process was down")
    sizes = {k: f"{v / 2**20:.0f} MB" for k, v in result["sizes"].items()}
    print(f"  {result['answers_per_response']:.0f} answer rows per response; PostgreSQL sizes {sizes}")
    print(f"  the sweep queued again {dict(swept) or 'nothing'} while the queues drained")
    print(f"total {time.monotonic() - began:.0f} s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
