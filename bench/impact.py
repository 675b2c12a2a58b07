"""Benchmark of the impact benchmark figures: 1,000 organisations x 3 closed assessments.

Run:  .venv/bin/python bench/impact.py            (a fresh SQLite file in /tmp)
      DATABASE_URL=postgres://... .venv/bin/python bench/impact.py   (an EMPTY database)

It builds the data with bulk inserts (the rows `assessment_close` writes: one DimensionResult per
dimension, the latest flagged), then times `selectors.benchmark_for` (the peers' mean and
quartiles, one indexed query) and the whole `selectors.results_for` of one organisation's
assessment, and prints the median and worst of 20 runs each. The target is 200 ms.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siem_portal.settings.local")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/impact-bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

ORGANISATIONS = 1000
ASSESSMENTS = 3
RESPONDENTS = 5
RUNS = 20


def build():
    import random

    from accounts.enums import OrganisationKind
    from accounts.models import Organisation, User
    from impact.content import ORGANISATION, ORGANISATION_MID_ADVICE, ORGANISATION_STEPS
    from impact.demo import framework_load
    from impact.models import Assessment, DimensionResult, Indicator, Rating, Respondent

    rng = random.Random(7)
    framework = framework_load(ORGANISATION, ORGANISATION_STEPS, ORGANISATION_MID_ADVICE)
    dimensions = list(framework.dimensions.values_list("pk", flat=True))
    indicators = list(Indicator.objects.filter(framework=framework).values_list("pk", flat=True))
    now = timezone.now()
    with transaction.atomic():
        Organisation.objects.bulk_create(
            Organisation(name=f"Bench org {n}", slug=f"bench-org-{n}", kind=OrganisationKind.YOUTH_ORGANISATION)
            for n in range(ORGANISATIONS)
        )
        organisations = list(Organisation.objects.filter(slug__startswith="bench-org-").values_list("pk", flat=True))
        assessments = [
            Assessment(
                framework=framework,
                organisation_id=org,
                title=f"Bench {org}/{k}",
                status="closed",
                created_at=now - timedelta(days=400 * (ASSESSMENTS - k)),
                closed_at=now - timedelta(days=400 * (ASSESSMENTS - k) - 30),
                is_latest=k == ASSESSMENTS - 1,
            )
            for org in organisations
            for k in range(ASSESSMENTS)
        ]
        Assessment.objects.bulk_create(assessments, batch_size=2000)
        rows = []
        for a in Assessment.objects.filter(title__startswith="Bench ").values("pk", "organisation_id", "is_latest"):
            for d in dimensions:
                rows.append(
                    DimensionResult(
                        assessment_id=a["pk"],
                        dimension_id=d,
                        framework=framework,
                        organisation_id=a["organisation_id"],
                        organisation_kind=OrganisationKind.YOUTH_ORGANISATION,
                        is_latest=a["is_latest"],
                        mean=rng.uniform(0, 5),
                        respondents=RESPONDENTS,
                        spread=rng.uniform(0, 1.5),
                    )
                )
        DimensionResult.objects.bulk_create(rows, batch_size=5000)
        # the assessment we time the full results page of gets real respondents and ratings
        target = Assessment.objects.filter(organisation_id=organisations[0], is_latest=True).get()
        users = User.objects.bulk_create(User(email=f"bench{n}@example.org") for n in range(RESPONDENTS))
        respondents = Respondent.objects.bulk_create(Respondent(assessment=target, user=u) for u in users)
        Rating.objects.bulk_create(
            Rating(respondent=r, indicator_id=i, score=rng.randint(0, 5)) for r in respondents for i in indicators
        )
    return target


def timed(fn):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main():
    call_command("migrate", verbosity=0)
    from impact import selectors
    from impact.models import DimensionResult

    if DimensionResult.objects.exists():
        sys.exit("The database already holds impact results: give an empty database.")
    start = time.perf_counter()
    target = build()
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(
        f"data: {ORGANISATIONS} organisations x {ASSESSMENTS} closed assessments, "
        f"{DimensionResult.objects.count()} dimension results, built in {time.perf_counter() - start:.1f} s"
    )
    peers, figures = selectors.benchmark_for(
        framework_id=target.framework_id, organisation_kind="youth", exclude_organisation_id=target.organisation_id
    )
    print(f"benchmark: {peers} peer organisations, {len(figures)} dimensions")
    median, worst = timed(
        lambda: selectors.benchmark_for(
            framework_id=target.framework_id, organisation_kind="youth", exclude_organisation_id=target.organisation_id
        )
    )
    print(f"benchmark figures (mean and quartiles of {peers} peers): median {median:.1f} ms, worst {worst:.1f} ms")
    median, worst = timed(lambda: selectors.results_for(assessment=target))
    print(f"whole results (scores, trend, benchmark, recommendations): median {median:.1f} ms, worst {worst:.1f} ms")
    print(f"target 200 ms: {'met' if worst < 200 else 'NOT met'} ({RUNS} runs each)")


if __name__ == "__main__":
    main()
