"""The embedded default (SQLite) under concurrent writes, through real servers.

Each test migrates a SQLite file in a temporary folder, stores 50 people with API tokens, starts
`runserver` or gunicorn (2 processes x 8 threads) on a free 127.0.0.1 port and fires 50 requests at
the same moment. With the settings' SQLite options (IMMEDIATE transactions, a busy timeout, WAL)
writers wait for each other: nobody meets "database is locked".
"""

import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 50
SEATS = 10
INDICATORS = 6  # 3 dimensions x 2 statements

SETUP = textwrap.dedent(
    """
    import json, django
    django.setup()
    from accounts.services import api_token_create
    from accounts.tests.factories import UserFactory
    from events.tests.factories import EventFactory
    from impact.models import Indicator, Respondent
    from impact.tests.factories import assessment_with_respondents, framework_make, organisation_with_admin

    event = EventFactory(capacity={seats}, waitlist_enabled=True)
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(
        framework=framework_make(dimensions=3, indicators=2), organisation=organisation, admin=admin
    )
    tokens = []
    for _ in range({people}):
        user = UserFactory()
        Respondent.objects.create(assessment=assessment, user=user)
        tokens.append(api_token_create(user=user, second_factor=False)[1])
    print(json.dumps({{
        "event": event.slug,
        "assessment": assessment.pk,
        "indicators": list(Indicator.objects.filter(framework=assessment.framework).values_list("pk", flat=True)),
        "tokens": tokens,
    }}))
    """
).format(seats=SEATS, people=PEOPLE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def migrated_db(tmp_path_factory) -> Path:
    """One migrated SQLite file; each test works on a copy."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=_env(path), check=True, capture_output=True
    )
    with sqlite3.connect(path) as conn:  # fold the write-ahead log into the file before copying it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _env(db: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL")}
    env.update(DJANGO_SETTINGS_MODULE="siem_portal.settings.test", DATABASE_URL=f"sqlite:///{db}")
    return env


@pytest.fixture
def site(migrated_db, tmp_path):
    db = tmp_path / "portal.sqlite3"
    db.write_bytes(migrated_db.read_bytes())
    out = subprocess.run(
        [sys.executable, "-c", SETUP], cwd=ROOT, env=_env(db), check=True, capture_output=True, text=True
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return db, data


def _start(kind: str, db: Path, log: Path):
    port = _free_port()
    if kind == "runserver":
        # runserver answers each request in its own thread
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    else:
        command = [
            *(sys.executable, "-m", "gunicorn"),
            *("--workers", "2", "--threads", "8", "--bind", f"127.0.0.1:{port}"),
            "siem_portal.wsgi:application",
        ]
    process = subprocess.Popen(command, cwd=ROOT, env=_env(db), stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"{kind} did not start:\n{log.read_text()}")


def _stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _fire(port: int, requests: list[tuple[str, str, dict]]) -> list[tuple[int, dict]]:
    """Send every (path, token, body) POST at the same moment; returns (status, JSON body) each.

    The connections are opened one after the other first (runserver's listen backlog is 10, and a
    connection it had no time to accept is reset), then every request leaves at once.
    """
    connections = []
    for _ in requests:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.connect()
        connections.append(conn)
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(i, path, token, body):
        conn = connections[i]
        barrier.wait()
        try:
            conn.request(
                "POST",
                path,
                body=json.dumps(body),
                headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            )
            response = conn.getresponse()
            raw = response.read()
            try:
                payload = json.loads(raw or b"{}")
            except ValueError:
                payload = {"raw": raw[:300].decode(errors="replace")}
            results[i] = (response.status, payload)
        except OSError as exc:
            results[i] = (0, {"error": repr(exc)})
        finally:
            conn.close()

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _count(db: Path, sql: str, *params) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchone()[0]


@pytest.mark.parametrize("server", ["runserver", "gunicorn"])
def test_fifty_concurrent_registrations_and_ratings_on_sqlite(server, site, tmp_path):
    db, data = site
    process, port = _start(server, db, tmp_path / "server.log")
    try:
        registrations = _fire(
            port, [(f"/api/v1/events/{data['event']}/registrations/", token, {}) for token in data["tokens"]]
        )
        ratings = _fire(
            port,
            [
                (
                    f"/api/v1/impact/assessments/{data['assessment']}/ratings/",
                    token,
                    {"ratings": [{"indicator": pk, "score": (n + i) % 6} for i, pk in enumerate(data["indicators"])]},
                )
                for n, token in enumerate(data["tokens"])
            ],
        )
    finally:
        _stop(process)
    log = (tmp_path / "server.log").read_text()

    assert [r for r in registrations if r[0] != 201] == [], log[-3000:]
    states = [body["state"] for _, body in registrations]
    assert states.count("confirmed") == SEATS
    assert states.count("waitlisted") == PEOPLE - SEATS
    assert "database is locked" not in log
    assert _count(db, "SELECT count(*) FROM events_registration WHERE state = 'confirmed'") == SEATS
    assert _count(db, "SELECT count(*) FROM events_registration WHERE state = 'waitlisted'") == PEOPLE - SEATS

    assert [r for r in ratings if r[0] != 200] == [], log[-3000:]
    assert all(body == {"saved": INDICATORS, "completed": True} for _, body in ratings)
    stored = _count(
        db,
        "SELECT count(*) FROM impact_rating r JOIN impact_respondent p ON r.respondent_id = p.id "
        "WHERE p.assessment_id = ?",
        data["assessment"],
    )
    assert stored == PEOPLE * len(data["indicators"]) == PEOPLE * INDICATORS
    # each person's scores are their own, none lost or swapped by a concurrent writer
    assert (
        _count(
            db,
            "SELECT count(DISTINCT p.id) FROM impact_rating r JOIN impact_respondent p ON r.respondent_id = p.id "
            "WHERE p.assessment_id = ? AND p.completed_at IS NOT NULL",
            data["assessment"],
        )
        == PEOPLE
    )
