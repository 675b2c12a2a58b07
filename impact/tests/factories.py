"""Small frameworks and assessments for tests; no hidden behaviour (each helper says what it makes)."""

import itertools

from accounts.enums import MembershipRole
from accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from impact import services
from impact.enums import Audience
from impact.models import Dimension, Framework, Indicator, Recommendation, Respondent

_seq = itertools.count(1)


def framework_make(*, audience=Audience.ORGANISATION, dimensions=2, indicators=2, published=True) -> Framework:
    """A framework with ``dimensions`` x ``indicators`` indicators of weight 1, each with one
    recommendation for scores 0 to 2.49 linking to the Inclusive Communication Manual."""
    n = next(_seq)
    framework = Framework.objects.create(
        slug=f"fw-{n}", version=1, title=f"Framework {n}", audience=audience, is_published=published
    )
    for d in range(dimensions):
        dimension = Dimension.objects.create(
            framework=framework, code=f"d{d}", title=f"Dimension {d}", short_title=f"D{d}", order=d
        )
        for i in range(indicators):
            indicator = Indicator.objects.create(
                framework=framework,
                dimension=dimension,
                code=f"d{d}-i{i}",
                statement=f"Statement {d}.{i}",
                levels=[f"level {k}" for k in range(6)],
                order=i,
            )
            Recommendation.objects.create(
                indicator=indicator,
                min_score=0,
                max_score="2.49",
                text=f"Advice for {d}.{i}",
                links=[{"title": "Inclusive Communication Manual", "url": "/library/inclusive-communication-manual/"}],
            )
    return framework


def organisation_with_admin(**org_kwargs):
    organisation = OrganisationFactory(**org_kwargs)
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=organisation, role=MembershipRole.ADMIN)
    return organisation, admin


def member_of(organisation):
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=MembershipRole.MEMBER)
    return user


def assessment_with_respondents(*, framework, organisation, admin, respondents=0, title="Assessment"):
    """An open assessment started by ``admin`` with ``respondents`` extra members (role staff)."""
    assessment = services.assessment_start(user=admin, framework=framework, organisation=organisation, title=title)
    users = [admin]
    for _ in range(respondents):
        user = member_of(organisation)
        Respondent.objects.create(assessment=assessment, user=user)
        users.append(user)
    return assessment, users


def rate_all(assessment, user, score):
    """``user`` gives ``score`` to every indicator of the assessment's framework."""
    indicator_ids = Indicator.objects.filter(framework=assessment.framework).values_list("pk", flat=True)
    services.ratings_save(
        assessment=assessment, user=user, ratings=[{"indicator": pk, "score": score} for pk in indicator_ids]
    )


def closed_assessment(*, framework, organisation=None, score=3, respondents=0, **org_kwargs):
    """A closed assessment of ``organisation`` (a new one when None) where everyone gave ``score``."""
    if organisation is None:
        organisation, admin = organisation_with_admin(**org_kwargs)
    else:
        admin = organisation.memberships.get(role=MembershipRole.ADMIN).user
    assessment, users = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=respondents
    )
    for user in users:
        rate_all(assessment, user, score)
    return services.assessment_close(assessment=assessment, by=admin)
