"""Throughput of the event page and the agenda against a bare Django view, in the same run.

Starts gunicorn (2 sync workers) on 127.0.0.1 with the local settings and DEBUG off, on a fresh
SQLite database seeded with the demo content (or on DATABASE_URL when it points at PostgreSQL),
then runs CLIENTS keep-alive clients for SECONDS on each URL and prints requests per second and
the ratio to the bare view. On PostgreSQL it also fires 20 concurrent registrations through the API.

    .venv/bin/python bench/events.py [--seconds 3] [--rounds 3] [--clients 4]
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PAST = "inclusion-engagement-mobility-2022"
UPCOMING = "inclusion-engagement-mobility-next"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_bench_modules(folder: Path) -> None:
    (folder / "bench_settings.py").write_text(
        textwrap.dedent(
            """
            from siem_portal.settings.local import *  # noqa: F403
            DEBUG = False
            ROOT_URLCONF = "bench_urls"
            EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
            LOGGING = {"version": 1, "disable_existing_loggers": False}
            """
        )
    )
    (folder / "bench_urls.py").write_text(
        textwrap.dedent(
            """
            from django.http import HttpResponse
            from django.urls import include, path

            def bare(request):
                return HttpResponse("ok")

            urlpatterns = [path("bench/bare/", bare), path("", include("siem_portal.urls"))]
            """
        )
    )


def load(port: int, path: str, seconds: float, clients: int, headers=None) -> tuple[float, int]:
    """Keep-alive clients hammering one URL; returns (requests per second, errors)."""
    counts, errors = [0] * clients, [0] * clients
    deadline = time.perf_counter() + seconds

    def client(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                counts[i] += 1
            else:
                errors[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - start), sum(errors)


def concurrent_registrations(port: int, env: dict, n: int = 20) -> None:
    """n people register for the upcoming conference at the same moment, through the API."""
    script = textwrap.dedent(
        f"""
        import django, json, uuid
        django.setup()
        from rest_framework.authtoken.models import Token
        from accounts.tests.factories import UserFactory
        tokens = [
            Token.objects.create(user=UserFactory(email=f"bench-{{uuid.uuid4().hex}}@example.org")).key
            for _ in range({n})
        ]
        print(json.dumps(tokens))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    tokens = json.loads(out.stdout.strip().splitlines()[-1])
    barrier = threading.Barrier(n)
    results = []

    def register(token):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        conn.request(
            "POST",
            f"/api/v1/events/{UPCOMING}/registrations/",
            body="{}",
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        response = conn.getresponse()
        results.append((response.status, json.loads(response.read() or b"{}").get("state")))

    threads = [threading.Thread(target=register, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted({s for s, _ in results})
    states = sorted({st for _, st in results if st})
    print(f"{n} concurrent API registrations: HTTP statuses {statuses}, states {states}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3, help="per URL and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-events-"))
    write_bench_modules(tmp)
    env = dict(os.environ)
    postgres = env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if not postgres:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=f"{tmp}:{ROOT}",
        DJANGO_DEBUG="false",
        # persistent connections, as production runs (DATABASE_CONN_MAX_AGE in .env)
        DATABASE_CONN_MAX_AGE=env.get("DATABASE_CONN_MAX_AGE", "60"),
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*manage, "seed_demo"], env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "siem_portal.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/bench/bare/")
                break
            except OSError:
                time.sleep(0.2)
        urls = {
            "bare view": "/bench/bare/",
            "home page (reference)": "/",
            "event page (upcoming)": f"/events/{UPCOMING}/",
            "event page (2022)": f"/events/{PAST}/",
            "agenda (2022, 12 sessions)": f"/events/{PAST}/agenda/",
            "event list": "/events/",
        }
        for path in urls.values():  # warm up every worker
            load(port, path, 0.5, 2)
        print(
            f"gunicorn 2 sync workers, {args.clients} keep-alive clients, {args.rounds} interleaved rounds of "
            f"{args.seconds:.0f} s per URL (median shown), database {'PostgreSQL' if postgres else 'SQLite'}, "
            f"DEBUG off, CONN_MAX_AGE {env['DATABASE_CONN_MAX_AGE']}, on {os.cpu_count()} CPUs"
        )
        # rounds interleave the URLs so that load from other processes hits them all alike
        results = {label: [] for label in urls}
        errors = dict.fromkeys(urls, 0)
        for _ in range(args.rounds):
            for label, path in urls.items():
                rps, errs = load(port, path, args.seconds, args.clients)
                results[label].append(rps)
                errors[label] += errs
        bare = statistics.median(results["bare view"])
        for label in urls:
            rps = statistics.median(results[label])
            print(f"{label:28} {rps:8.1f} req/s  ratio to bare {rps / bare:5.3f}  errors {errors[label]}")
        if postgres:
            concurrent_registrations(port, env)
        else:
            print("concurrent registrations: skipped (set DATABASE_URL to PostgreSQL to run them)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
