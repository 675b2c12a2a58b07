"""Benchmark: / and /library/ against a bare Django view, all served by gunicorn in the same run.

    .venv/bin/python bench/library.py [--publications 200] [--requests 300] [--concurrency 4]
    .venv/bin/python bench/library.py --search-only --database-url postgres://... [--publications 5000]

The page benchmark builds a throw-away SQLite database (migrate, ``seed_demo``, then extra
publications with text), starts gunicorn with 2 workers on a free 127.0.0.1 port (this module is
also the WSGI entry: it adds /bench/bare/, a view returning a short HttpResponse through the whole
middleware stack), warms each URL, then times GET requests from a thread pool and prints requests
per second and the ratio to the bare view (the issue asks for at least 0.15).

``--search-only`` fills the given database (PostgreSQL for the issue's figure) with that many
publications of about 2,000 words of text each and times library searches (median of ``--runs`` runs
per query, default 20, of ``selectors.library_page``: what the /library/ view computes before it
renders, so the count, the ranked page of 20 with authors and files, snippets and facet counts), and
the whole /library/ response through the test client with the cache cleared before each run.
"""

import argparse
import contextlib
import io
import os
import random
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
WORDS = (
    "mobility inclusion student erasmus barrier grant rural village campus university staff survey report "
    "community engagement volunteer language exchange abroad scholarship family income disability support "
    "recognition credit housing transport visa friendship belonging confidence career employability"
).split()


def _django(database_url: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siem_portal.settings.local")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_DEBUG", "False")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


if __name__ != "__main__" and os.environ.get("SIEM_BENCH_DATABASE_URL"):
    # imported by gunicorn: the portal plus one bare view
    _django(os.environ["SIEM_BENCH_DATABASE_URL"])
    from django.core.wsgi import get_wsgi_application
    from django.http import HttpResponse
    from django.urls import path

    import siem_portal.urls

    def bare(request):
        return HttpResponse("ok")

    siem_portal.urls.urlpatterns.insert(0, path("bench/bare/", bare))
    application = get_wsgi_application()


def _add_publications(count: int, *, words: int) -> None:
    from datetime import date

    from publications.enums import Audience, PublicationKind, Topic
    from publications.models import (
        Edition,
        LanguageVersion,
        Publication,
        PublicationAudience,
        PublicationTopic,
    )

    rng = random.Random(8)
    kinds, audiences, topics = PublicationKind.values, Audience.values, Topic.values
    batch = []
    for n in range(count):
        # a realistic spread: a long tail of other words (w1 is in every text, w2000 in few) and the
        # topical words in about one text in eight each
        text = " ".join(
            rng.choice(WORDS) if rng.random() < 0.002 else f"w{int(rng.paretovariate(1.0)) % 3000}"
            for _ in range(words)
        )
        batch.append(
            Publication(
                title=f"Bench publication {n} on {rng.choice(WORDS)} and {rng.choice(WORDS)}",
                slug=f"bench-{n}",
                kind=kinds[n % len(kinds)],
                summary=" ".join(f"w{int(rng.paretovariate(1.0)) % 3000}" for _ in range(40)),
                published_on=date(2019 + n % 5, 1 + n % 12, 1),
                download_count=rng.randrange(500),
                search_text=text,
            )
        )
    pubs = Publication.objects.bulk_create(batch, batch_size=500)
    editions = Edition.objects.bulk_create(
        [Edition(publication=p, number=1, published_on=p.published_on) for p in pubs], batch_size=500
    )
    LanguageVersion.objects.bulk_create(
        [
            LanguageVersion(
                edition=e,
                language=("en", "fr", "es")[i % 3],
                file="bench.pdf",
                size=1000,
                page_count=4,
                text_status="done",
                thumbnail_status="failed",
            )
            for i, e in enumerate(editions)
        ],
        batch_size=500,
    )
    PublicationAudience.objects.bulk_create(
        [PublicationAudience(publication=p, audience=audiences[i % len(audiences)]) for i, p in enumerate(pubs)],
        batch_size=500,
    )
    PublicationTopic.objects.bulk_create(
        [PublicationTopic(publication=p, topic=topics[i % len(topics)]) for i, p in enumerate(pubs)], batch_size=500
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> None:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (http://127.0.0.1 only)
        response.read()
        assert response.status == 200, url


def _rate(url: str, requests: int, concurrency: int) -> float:
    for _ in range(5):
        _fetch(url)
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda _: _fetch(url), range(requests)))
    return requests / (time.perf_counter() - start)


def pages(args) -> None:
    tmp = tempfile.mkdtemp(prefix="siem-bench-library-")
    database_url = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{tmp}/media"
    _django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        call_command("seed_demo", verbosity=0)
    _add_publications(args.publications, words=300)
    port = _free_port()
    env = {**os.environ, "SIEM_BENCH_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench.library:application",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _fetch(base + "/bench/bare/")
                break
            except OSError:
                time.sleep(0.1)
        urls = {
            "bare view": "/bench/bare/",
            "home /": "/",
            "library /library/": "/library/",
            "library search": "/library/?q=rural+village&kind=factsheet",
        }
        rates = {name: _rate(base + path, args.requests, args.concurrency) for name, path in urls.items()}
    finally:
        server.terminate()
        server.wait(10)
    print(
        f"gunicorn 2 workers, SQLite, {args.publications} extra publications + demo content, "
        f"{args.requests} requests per URL, {args.concurrency} client threads, python {sys.version.split()[0]}"
    )
    for name, rate in rates.items():
        ratio = rate / rates["bare view"]
        print(f"{name:<18} {rate:8.1f} req/s   ratio to bare {ratio:5.2f}")


def search(args) -> None:
    _django(args.database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict

    from publications import selectors
    from publications.models import Publication

    call_command("migrate", verbosity=0)
    have = Publication.objects.filter(slug__startswith="bench-").count()
    if have < args.publications:
        Publication.objects.filter(slug__startswith="bench-").delete()
        _add_publications(args.publications, words=2000)
        if connection.vendor == "postgresql":
            from publications.services import rank_vector_expression, search_vector_expression

            Publication.objects.filter(slug__startswith="bench-").update(
                search_vector=search_vector_expression(), rank_vector=rank_vector_expression()
            )
            with connection.cursor() as cursor:
                # what autovacuum would do after such a bulk load and update (the update leaves a
                # dead version of every row behind)
                cursor.execute("VACUUM ANALYZE publications_publication")
                cursor.execute("ANALYZE")
    from django.core.cache import cache
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    timings, pages, matches = {}, {}, {}
    for query in ("rural", "housing transport", "scholarship -visa", "kind=factsheet&q=career", "w1"):
        params = QueryDict(query if "=" in query else f"q={query}")
        filters = selectors.LibraryFilters.from_query(params)
        runs, page_runs = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            results = selectors.library_page(filters=filters, number=1, per_page=20)
            runs.append((time.perf_counter() - start) * 1000)
            cache.clear()  # the rendered block is cached: time the page as its first visitor gets it
            start = time.perf_counter()
            response = client.get("/library/", params)
            page_runs.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings[query], pages[query] = statistics.median(runs), statistics.median(page_runs)
        matches[query] = results.page.paginator.count
    print(
        f"{connection.vendor}, {Publication.objects.count()} publications of ~2,000 words, "
        f"median of {args.runs} runs.\n"
        "  search: selectors.library_page as /library/ calls it (count, first page of 20 ranked results with\n"
        "  authors and files, their highlighted snippets, five facet counts); page: the whole /library/ response\n"
        "  through Django's middleware and templates (test client, cache cleared before each run)"
    )
    for query, ms in timings.items():
        print(
            f"  {query:<26} search {ms:6.1f} ms   page {pages[query]:6.1f} ms   ({matches[query]} publications match)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--publications", type=int, default=200)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per search query (median printed)")
    parser.add_argument("--search-only", action="store_true")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if args.search_only:
        search(args)
    else:
        pages(args)
