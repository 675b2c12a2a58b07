"""An attacker against the real endpoints (issue 11): differencing, zeros, padding, repeated queries.

The attacker knows the method (``docs/privacy-model.md``): which published values a true count can
give (``surveys.disclosure.published_values``), but not the record keys. For a pair of published
figures of the same cell in two queries whose respondents differ by ``m`` people the attacker knows,
the true difference ``d`` (how many of the m are in the cell) is one of the values that fit both
figures; the attacker is certain of someone's answer when only ``d = m`` (all of them are in the
cell) or only ``d = 0`` (none of them is) fits.
"""

import random

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.enums import MembershipRole
from accounts.tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from surveys import disclosure
from surveys.models import Response
from surveys.services import survey_create_from_spec
from surveys.tests.factories import make_survey, spec

from .helpers import add_response

pytestmark = pytest.mark.django_db

K = 5
COMMON = st.integers(min_value=12, max_value=40)
RARE = st.integers(min_value=1, max_value=K - 1)


def possible(count: int, k: int) -> set:
    """The published values a true count can give, as the method says (None: not shown)."""
    published_values = getattr(disclosure, "published_values", None)
    if published_values is not None:
        return set(published_values(count, k))
    # the rules before issue 11: exact counts; 1..k-1 hidden; any other cell may be hidden as a partner
    return {None} if 0 < count < k else {count, None}


def feasible_differences(x, y, m: int, k: int) -> set[int]:
    top = max(v for v in (x, y, 0) if v is not None) + 3 * k + 5
    return {d for d in range(m + 1) if any(x in possible(c + d, k) and y in possible(c, k) for c in range(top))}


def certain(x, y, m: int, k: int) -> bool:
    fits = feasible_differences(x, y, m, k)
    assert fits, ("the published figures fit no truth: the method is not the one documented", x, y, m)
    return fits <= {m} or fits <= {0}


def cells(body: dict) -> dict:
    """Every count of an API body, keyed by (question, choice)."""
    out = {("responses",): body["responses"]}
    for q in body["questions"]:
        out[(q["code"], "n")] = q["n"]
        for code, value in q["counts"].items():
            out[(q["code"], code)] = value
    return out


def group_cells(body: dict, group: str) -> dict:
    bd = body["breakdown"]["groups"][group]
    out = {("responses",): bd["n"]}
    for q in bd["questions"]:
        for code, value in q["counts"].items():
            out[(q["code"], code)] = value
    return out


def disclosed(a: dict, b: dict, m: int, k: int) -> list:
    """The cells of two bodies (b's respondents are a's minus m known people) that give someone away."""
    return [(key, a[key], b[key]) for key in a.keys() & b.keys() if certain(a[key], b[key], m, k)]


def answers(rng, income):
    went = rng.choice(["yes", "no"])
    out = {
        "went": went,
        "why": rng.sample(["money", "family", "other"], rng.randint(1, 2)),
        "support_a": rng.choice(["yes", "no"]),
        "support_b": rng.choice(["yes", "no"]),
        "score": rng.randint(0, 10),
        "country": rng.choice(["FR", "DE"]),
        "income": income,
    }
    if went == "yes":
        out["months"] = rng.randint(1, 12)
    return out


def populate(survey, institution, *, common: int, rare: int, seed: int) -> None:
    """``common`` respondents with a high income and ``rare`` (the attacker's targets) with a low one."""
    rng = random.Random(seed)
    for i in range(common + rare):
        add_response(survey, institution=institution, **answers(rng, "high" if i < common else "low"))


def officer_of(institution):
    user = UserFactory()
    MembershipFactory(user=user, organisation=institution, role=MembershipRole.IRO_OFFICER)
    return user


def results(api_client, survey, **params):
    return api_client.get(f"/api/v1/surveys/{survey.slug}/results/", params)


# --- differencing ---------------------------------------------------------------------------------


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(common=COMMON, rare=RARE, seed=st.integers())
def test_breakdown_group_against_the_total_gives_no_answer_away(api_client, common, rare, seed):
    """The rare group's members are the only difference between the totals and the other group."""
    with transaction.atomic():
        uni = InstitutionFactory()
        survey = make_survey(k=K, slug=f"attack-{seed % 10**6}-{common}-{rare}")
        populate(survey, uni, common=common, rare=rare, seed=seed)
        api_client.force_authenticate(officer_of(uni))
        body = results(api_client, survey, breakdown="income").json()
        leaks = disclosed(cells(body), group_cells(body, "high"), rare, K)
        transaction.set_rollback(True)
    assert leaks == []


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(common=COMMON, rare=RARE, seed=st.integers())
def test_a_filter_and_the_whole_either_refused_or_giving_nothing_away(api_client, common, rare, seed):
    with transaction.atomic():
        uni = InstitutionFactory()
        survey = make_survey(k=K, slug=f"filter-{seed % 10**6}-{common}-{rare}")
        populate(survey, uni, common=common, rare=rare, seed=seed)
        api_client.force_authenticate(officer_of(uni))
        whole = results(api_client, survey)
        part = results(api_client, survey, answer="income:high")
        transaction.set_rollback(True)
    assert whole.status_code == 200
    if part.status_code == 400:
        assert "answer" in part.json()["errors"]  # refused, naming the filter
    else:
        assert disclosed(cells(whole.json()), cells(part.json()), rare, K) == []


def test_one_day_earlier_is_refused_to_an_iro_officer(api_client):
    """The attack of the issue: the same query with ``date_to`` one day earlier."""
    import datetime

    from django.utils import timezone

    uni = InstitutionFactory()
    survey = make_survey(k=K, slug="dates")
    rng = random.Random(5)
    today = timezone.now()
    for i in range(30):
        add_response(
            survey, institution=uni, submitted_at=today - datetime.timedelta(days=1 + (i > 0)), **answers(rng, "high")
        )
    api_client.force_authenticate(officer_of(uni))
    day = (today - datetime.timedelta(days=2)).date().isoformat()
    whole = results(api_client, survey)
    part = results(api_client, survey, date_to=day)
    if part.status_code == 400:
        assert "date_to" in part.json()["errors"]
    else:
        assert disclosed(cells(whole.json()), cells(part.json()), 1, K) == []


def test_zero_next_to_a_hidden_count_gives_no_answer_away(api_client):
    """Everyone but a few said "no": a published 0 beside a hidden cell told that the rest said "yes"."""
    uni = InstitutionFactory()
    survey = make_survey(k=K, slug="zeros")
    rng = random.Random(3)
    for i in range(20):
        values = answers(rng, "high")
        values["support_a"] = "yes" if i < 3 else "no"
        values["support_b"] = "no"
        add_response(survey, institution=uni, **values)
    api_client.force_authenticate(officer_of(uni))
    body = results(api_client, survey).json()
    for q in body["questions"]:
        shown = [v for v in q["counts"].values() if v is not None]
        # a group whose shown cells are all zeros besides hidden ones tells everyone's answer
        assert not (0 in shown and all(v == 0 for v in shown) and None in q["counts"].values()), q
        # nor may a single non-zero cell stand beside zeros: everyone in the group gave that answer
        assert not (0 in shown and len([v for v in shown if v]) == 1), q


# --- repeated queries, formats --------------------------------------------------------------------


def test_repeated_identical_queries_give_identical_figures(api_client, django_capture_on_commit_callbacks):
    """No fresh noise: the same cell always shows the same value, in the API and in the files."""
    from pathlib import Path

    from surveys.reports.services import report_job_request

    uni = InstitutionFactory()
    survey = make_survey(k=K, slug="repeat")
    populate(survey, uni, common=30, rare=3, seed=11)
    officer = officer_of(uni)
    api_client.force_authenticate(officer)
    first = results(api_client, survey, breakdown="income").json()
    for _ in range(3):
        assert results(api_client, survey, breakdown="income").json() == first
    # another institution's responses do not move this institution's figures
    populate(survey, InstitutionFactory(), common=10, rare=0, seed=12)
    assert results(api_client, survey, breakdown="income").json() == first
    with django_capture_on_commit_callbacks(execute=True):
        job, _created = report_job_request(
            requester=officer, survey=survey, fmt="json", breakdown="income", institution=uni
        )
    job.refresh_from_db()
    import json

    from_file = json.loads(Path(job.file.path).read_text(encoding="utf-8"))
    assert cells(from_file) == cells(first)
    assert group_cells(from_file, "high") == group_cells(first, "high")


# --- padding --------------------------------------------------------------------------------------


def padding_survey():
    data = spec(slug="padding", anonymous=True, k=K)
    data["sections"][0]["questions"].append({"code": "uni", "type": "institution", "text": "Your institution"})
    survey = survey_create_from_spec(spec=data)
    survey.status = "open"
    survey.save()
    return survey


def post_answer(api_client, survey, uni, **extra):
    body = {"answers": {"went": "no", "support_a": "yes", "income": "low", "uni": uni.slug}, "consent": True}
    body.update(extra)
    return api_client.post(f"/api/v1/surveys/{survey.slug}/responses/", body, format="json")


def test_padding_with_unverified_responses_never_changes_an_institution(api_client):
    uni = InstitutionFactory(slug="padded-uni")
    survey = padding_survey()
    populate(survey, uni, common=20, rare=2, seed=7)
    officer = officer_of(uni)
    api_client.force_authenticate(officer)
    before = results(api_client, survey).json()
    api_client.force_authenticate(None)
    for _ in range(6):
        assert post_answer(api_client, survey, uni).status_code == 201  # anonymous posts naming the university
    stranger = UserFactory()  # a verified account with no tie to the university
    api_client.force_authenticate(stranger)
    assert post_answer(api_client, survey, uni).status_code == 201
    api_client.force_authenticate(officer)
    after = results(api_client, survey).json()
    assert cells(after) == cells(before)
    assert Response.objects.filter(survey=survey, institution=uni).count() == 22 + 7  # stored, not counted


def test_means_and_medians_come_from_the_published_counts_only(api_client):
    """n × mean(all) - (n-1) × mean(subset) gave one person's value; now a mean is a function of
    the published (perturbed) histogram, so it tells nothing the histogram does not."""
    uni = InstitutionFactory()
    survey = make_survey(k=K, slug="means")
    populate(survey, uni, common=30, rare=0, seed=21)
    api_client.force_authenticate(officer_of(uni))
    body = results(api_client, survey).json()
    score = next(q for q in body["questions"] if q["code"] == "score")
    shown = {float(label): count for label, count in score["counts"].items() if count}
    total = sum(shown.values())
    assert total >= K
    assert score["mean"] == round(sum(v * c for v, c in shown.items()) / total, 1)
    ordered = sorted(v for v, c in shown.items() for _ in range(c))
    middle = len(ordered) // 2
    expected = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    assert score["median"] == expected
