import datetime
import random

import pytest
from django.utils import timezone

from accounts.enums import MembershipRole
from accounts.tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from surveys.tests.factories import make_survey

from .helpers import add_response


@pytest.fixture
def uni_a(db):
    return InstitutionFactory(name="University A", slug="uni-a")


@pytest.fixture
def uni_b(db):
    return InstitutionFactory(name="University B", slug="uni-b")


@pytest.fixture
def officer_a(uni_a):
    user = UserFactory()
    MembershipFactory(user=user, organisation=uni_a, role=MembershipRole.IRO_OFFICER)
    return user


@pytest.fixture
def officer_b(uni_b):
    user = UserFactory()
    MembershipFactory(user=user, organisation=uni_b, role=MembershipRole.IRO_OFFICER)
    return user


def fill(survey, *, institution, count, seed, language="en", comment=None):
    rng = random.Random(seed)
    now = timezone.now()
    for i in range(count):
        went = rng.choice(["yes", "yes", "no"])
        answers = {
            "went": went,
            "why": rng.sample(["money", "family", "other"], rng.randint(1, 2)),
            "support_a": rng.choice(["yes", "no"]),
            "support_b": rng.choice(["yes", "no"]),
            "score": rng.randint(0, 10),
            "country": rng.choice(["FR", "DE"]),
            "rank": rng.sample(["a", "b"], 2),
            "income": rng.choice(["low", "high"]),
        }
        if went == "yes":
            answers["months"] = rng.randint(1, 12)
        if comment:
            answers["comment"] = comment
        add_response(
            survey,
            institution=institution,
            language=language,
            submitted_at=now - datetime.timedelta(days=i % 30),
            **answers,
        )


@pytest.fixture
def survey(db, uni_a, uni_b):
    """40 responses from University A, 25 from University B (k = 5)."""
    survey = make_survey(k=5)
    fill(survey, institution=uni_a, count=40, seed=1, comment="A's comment")
    fill(survey, institution=uni_b, count=25, seed=2, language="fr", comment='=HYPERLINK("http://x")')
    return survey
