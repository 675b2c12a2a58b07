"""Benchmark: requests per second of a bare Django view, a survey page and a response POST.

Serves the portal with gunicorn (2 sync workers) on a fresh SQLite database (migrate + seed_demo),
then measures the three endpoints in interleaved rounds with the same client (4 threads, keep-alive):

  bare view    GET  /bench/bare/                                 (full middleware stack, no query)
  survey page  GET  /surveys/siem-student-survey/page/2/          (a draft in the session; the matrix page)
  POST         POST /api/v1/surveys/siem-student-survey/responses/ (a complete, valid student response)

Goals: survey page >= 0.15 x bare view, POST >= 0.05 x bare view.
Run:  .venv/bin/python bench/surveys.py [--seconds 5 --rounds 5]
"""

import argparse
import http.client
import http.cookiejar
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

SETTINGS = """
from siem_portal.settings.local import *  # noqa
DEBUG = False
ROOT_URLCONF = "bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# SQLite with concurrent writers from two workers: take the write lock at BEGIN (no lock-upgrade
# deadlocks) and use WAL, as a SQLite deployment would; production runs on PostgreSQL.
DATABASES["default"]["OPTIONS"] = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR"}}
"""
URLS = """
from django.http import HttpResponse
from django.urls import include, path

def bare(request):
    return HttpResponse("ok")

urlpatterns = [path("bench/bare/", bare), path("", include("siem_portal.urls"))]
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, env):
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(port, method, path, *, body=None, headers=None, seconds=10.0, threads=4, expect=(200,)):
    count = 0
    errors = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        nonlocal count, errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = 0, {}
        while time.perf_counter() < deadline:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            response.read()
            if response.status in expect:
                mine += 1
            else:
                bad[response.status] = bad.get(response.status, 0) + 1
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        with lock:
            count += mine
            for key, n in bad.items():
                errors[key] = errors.get(key, 0) + n

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    return count / elapsed, errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-surveys-"))
    (tmp / "bench_settings.py").write_text(SETTINGS)
    (tmp / "bench_urls.py").write_text(URLS)
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "THROTTLE_WRITE": "1000000/min",
        # persistent connections, as production configures them (DATABASE_CONN_MAX_AGE)
        "DATABASE_CONN_MAX_AGE": "600",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    }
    env.pop("CELERY_BROKER_URL", None)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    run([PYTHON, "manage.py", "seed_demo"], env)

    # a complete, valid student response in the API's shape, from the demo generator
    sys.path[:0] = [str(tmp), str(ROOT)]
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")})
    import django

    django.setup()
    from surveys.definition import load_definition
    from surveys.demo import DEMO_INSTITUTIONS, synthetic_values
    from surveys.models import Survey

    definition = load_definition(Survey.objects.get(slug="siem-student-survey"))
    rng = random.Random(1)
    while True:
        meta, rows = synthetic_values(definition, rng, DEMO_INSTITUTIONS[0])
        values = {}
        by_id = {q.id: q for q in definition.answerable()}
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
        if meta["consent"]:
            break
    payload = json.dumps({"answers": values, "consent": True}).encode()

    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "error", "siem_portal.wsgi:application"],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        # a draft in a session, as a respondent who reached the matrix page
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        base = f"http://127.0.0.1:{port}"
        opener.open(f"{base}/surveys/siem-student-survey/")
        token = next(c.value for c in jar if c.name == "csrftoken")
        opener.open(
            urllib.request.Request(  # noqa: S310 (a fixed http://127.0.0.1 URL)
                f"{base}/surveys/siem-student-survey/start/",
                data=urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode(),
                headers={"Referer": base + "/"},
            )
        )
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        page = "/surveys/siem-student-survey/page/2/"
        check = opener.open(base + page)
        assert check.status == 200 and b"survey-matrix" in check.read()

        # interleaved rounds: the machine is shared, so each ratio compares figures taken moments apart
        endpoints = {
            "bare view": ("GET", "/bench/bare/", None, {}, (200,)),
            "survey page": ("GET", page, None, {"Cookie": cookie}, (200,)),
            "response POST": (
                "POST",
                "/api/v1/surveys/siem-student-survey/responses/",
                payload,
                {"Content-Type": "application/json"},
                (201,),
            ),
        }
        rounds = {name: [] for name in endpoints}
        errors = {name: {} for name in endpoints}
        for _ in range(options.rounds):
            for name, (method, path, body, headers, expect) in endpoints.items():
                rps, bad = measure(
                    port, method, path, body=body, headers=headers, seconds=options.seconds, expect=expect
                )
                rounds[name].append(rps)
                for key, n in bad.items():
                    errors[name][key] = errors[name].get(key, 0) + n
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"gunicorn 2 sync workers, SQLite (WAL), 4 client threads with keep-alive, "
        f"{options.rounds} interleaved rounds of {options.seconds:.0f} s per endpoint"
    )
    print(f"response POST carries {len(values)} answers")
    for name, figures in rounds.items():
        ratios = [rps / bare for rps, bare in zip(figures, rounds["bare view"], strict=True)]
        print(
            f"{name:14s} median {statistics.median(figures):8.1f} req/s  median ratio {statistics.median(ratios):5.3f}"
            f"  (rounds: {', '.join(f'{r:.0f}' for r in figures)})  unexpected statuses: {errors[name] or 'none'}"
        )
    print("goals: survey page >= 0.15, response POST >= 0.05")


if __name__ == "__main__":
    main()
