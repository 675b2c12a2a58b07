"""Benchmark: /stories/ against a bare Django view, both served by gunicorn in the same run.

    .venv/bin/python bench/stories.py [--stories 500] [--requests 400] [--concurrency 2]
    .venv/bin/python bench/stories.py --search-postgres postgres://user@host:port/scratch_db

It builds a throw-away SQLite database with that many published stories, starts gunicorn on a free
127.0.0.1 port (this module is also the WSGI entry: it adds /bench/bare/, a view that returns a
short HttpResponse through the full middleware stack), times sequential-per-thread GET requests to
each URL and prints requests per second and the ratio (the issue asks for at least 0.15).
With --search-postgres it instead fills a scratch PostgreSQL database with 10,000 stories and times
the ranked full-text search (the issue asks for under 200 ms), then removes them.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _django(db_path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siem_portal.settings.local")
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_DEBUG", "False")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


if __name__ != "__main__" and os.environ.get("SIEM_BENCH_DB"):
    # imported by gunicorn: the portal plus one bare view
    _django(os.environ["SIEM_BENCH_DB"])
    from django.core.wsgi import get_wsgi_application
    from django.http import HttpResponse
    from django.urls import path

    import siem_portal.urls

    def bare(request):
        return HttpResponse("ok")

    siem_portal.urls.urlpatterns.insert(0, path("bench/bare/", bare))
    application = get_wsgi_application()


def _seed(count: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import User
    from siem_portal.markdown import markdown_render
    from testimonials.models import Story, StoryBackground, count_words

    call_command("migrate", verbosity=0)
    author = User.objects.create_user(email="bench@example.org", password=None, full_name="Bench Author", country="BE")
    body = "A day abroad. " * 120
    html = markdown_render(body, public_author=True)
    kinds = ["study", "traineeship", "volunteering", "youth_exchange"]
    countries = ["BE", "ES", "FR", "LV", "CZ", "NL", "PT"]
    now = timezone.now()
    Story.objects.bulk_create(
        [
            Story(
                author=author,
                title=f"Bench story {n}",
                slug=f"bench-story-{n}",
                summary="A summary for the card.",
                body=body,
                body_html=html,
                word_count=count_words(body),
                mobility_type=kinds[n % 4],
                host_country=countries[n % 7],
                status="published",
                published_at=now,
                backgrounds_public=n % 2 == 0,
            )
            for n in range(count)
        ]
    )
    StoryBackground.objects.bulk_create(
        [StoryBackground(story=s, background="rural") for s in Story.objects.all()[: count // 2]]
    )


WORDS = (
    "erasmus semester housing grant budget train language friends exam professor city village rural "
    "family first generation scholarship traineeship volunteering exchange support disability access "
    "lift interpreter queer coming out minority welcome buddy association winter summer coffee library "
    "bike rent flatmate homesick confidence career internship farm youth club workshop festival"
).split()


def search_postgres(database_url: str, count: int) -> None:
    """Time the ranked full-text search over ``count`` stories in a throw-away PostgreSQL database."""
    import random

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siem_portal.settings.local")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from testimonials.models import Story
    from testimonials.selectors import stories_for_cards, stories_public, stories_search

    assert connection.vendor == "postgresql", "give a PostgreSQL URL"
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    # a realistic spread: the topic words among 3,000 filler words, so a query matches a few percent
    vocabulary = WORDS + [
        "".join(rng.choice("abcdefghijklmnoprstuvz") for _ in range(rng.randint(4, 9))) for _ in range(3000)
    ]
    author, _ = User.objects.get_or_create(email="bench-search@example.org", defaults={"full_name": "Bench"})
    Story.objects.filter(author=author).delete()
    now = timezone.now()

    def text(n):
        return " ".join(rng.choice(vocabulary) for _ in range(n))

    Story.objects.bulk_create(
        [
            Story(
                author=author, title=text(6).capitalize(), slug=f"bench-search-{n}", summary=text(25),
                body=text(350), body_html="", mobility_type="study", status="published", published_at=now,
            )
            for n in range(count)
        ],
        batch_size=1000,
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE testimonials_story")
    timings = []
    for query in ("housing grant", "first generation", "interpreter lift", "homesick winter", "queer welcome"):
        for _ in range(3):
            start = time.perf_counter()
            qs = stories_search(stories_for_cards(stories_public(), without_text=True), query)
            total = qs.count()
            first_page = list(qs[:12])
            timings.append((time.perf_counter() - start) * 1000)
        print(f"  q={query!r}: {total} matches, first page {len(first_page)}")
    Story.objects.filter(author=author).delete()
    author.delete()
    print(f"PostgreSQL {connection.pg_version}: ranked search over {count} stories (count + first page of 12)")
    print(f"median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms (target < 200 ms)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _time(url: str, requests: int, concurrency: int) -> float:
    def one(_):
        with urllib.request.urlopen(url) as response:  # noqa: S310 (our own local server)
            response.read()
            assert response.status == 200

    for _ in range(10):  # warm up
        one(None)
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(requests)))
    return requests / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--search-postgres", metavar="DATABASE_URL", help="only time search, in this scratch DB")
    parser.add_argument("--search-count", type=int, default=10000)
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DATABASE_CONN_MAX_AGE for the server (0 opens a SQLite connection per request, which dominates)",
    )
    args = parser.parse_args()
    if args.search_postgres:
        search_postgres(args.search_postgres, args.search_count)
        return

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.sqlite3")
        _django(db)
        _seed(args.stories)
        port = _free_port()
        env = {
            **os.environ,
            "SIEM_BENCH_DB": db,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
        }
        server = subprocess.Popen(  # noqa: S603 (fixed command line)
            [str(GUNICORN), "--chdir", str(ROOT), "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning", "bench.stories:application"],
            env=env,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/bench/bare/")  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
            # rounds alternate the URLs so that noise from other processes hits all of them alike
            urls = {
                "bare": "/bench/bare/",
                "stories": "/stories/",
                "filtered": "/stories/?mobility=study&host=BE",
                # a foundation page on base.html, for scale: what any templated page costs here
                "login": "/accounts/login/",
            }
            runs = {name: [] for name in urls}
            for _ in range(args.rounds):
                for name, url in urls.items():
                    runs[name].append(_time(base + url, args.requests, args.concurrency))
            bare, stories, filtered, login = (statistics.median(runs[n]) for n in urls)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(
        f"gunicorn {args.workers} sync workers, SQLite, {args.stories} published stories, "
        f"{args.requests} GETs per URL and round, {args.rounds} alternating rounds (median), "
        f"{args.concurrency} client threads, DATABASE_CONN_MAX_AGE={args.conn_max_age}"
    )
    print(f"bare Django view      {bare:8.1f} req/s")
    print(f"/stories/             {stories:8.1f} req/s   ratio {stories / bare:.3f} (target >= 0.15)")
    print(f"/stories/?mobility... {filtered:8.1f} req/s   ratio {filtered / bare:.3f}")
    print(f"/accounts/login/      {login:8.1f} req/s   ratio {login / bare:.3f} (reference)")


if __name__ == "__main__":
    main()
