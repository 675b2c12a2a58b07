import pytest

from accounts import demo as accounts_demo
from impact import demo, selectors
from impact.models import Assessment, Framework, Indicator, Rating

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_seed_is_idempotent_and_shows_trend_benchmark_and_before_after():
    accounts_demo.seed()
    demo.seed()
    counts = (Framework.objects.count(), Assessment.objects.count(), Rating.objects.count())
    demo.seed()
    assert (Framework.objects.count(), Assessment.objects.count(), Rating.objects.count()) == counts

    organisation_fw = Framework.objects.get(slug="organisation-inclusion")
    student_fw = Framework.objects.get(slug="student-mobility")
    assert (organisation_fw.dimensions.count(), Indicator.objects.filter(framework=organisation_fw).count()) == (6, 24)
    assert (student_fw.dimensions.count(), Indicator.objects.filter(framework=student_fw).count()) == (6, 18)
    assert all(len(levels) == 6 for levels in Indicator.objects.values_list("levels", flat=True))

    youth = accounts_demo.demo_organisation("youth-bridges-demo")
    latest = Assessment.objects.get(organisation=youth, is_latest=True)
    results = selectors.results_for(assessment=latest)
    assert len(results.trend) == 2
    assert (results.trend[1]["label"] - results.trend[0]["label"]).days >= 365
    assert results.benchmark_shown is True
    assert results.benchmark_peers >= 5
    links = {link["url"] for item in results.recommendations for link in item["recommendation"].links}
    assert "/library/inclusive-communication-manual/" in links

    student = accounts_demo.demo_user("student@example.org")
    after = Assessment.objects.get(created_by=student, phase="after")
    assert selectors.results_for(assessment=after).comparison.phase == "before"
