"""Demo content: the two frameworks, Youth Bridges' two assessments a year apart, six peer youth
organisations (so the benchmark shows) and the demo student's before/after assessments."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .content import (
    ORGANISATION,
    ORGANISATION_MID_ADVICE,
    ORGANISATION_STEPS,
    STUDENT,
    STUDENT_MID_ADVICE,
    STUDENT_STEPS,
    link,
)
from .content_translations import framework_translations_fill
from .enums import ActionStatus, Phase, Priority, RespondentRole
from .models import Assessment, Dimension, Framework, Indicator, Recommendation, Respondent

PEERS = [
    ("open-doors-youth-demo", "Open Doors Youth (demo)", "ES"),
    ("horizonte-joven-demo", "Horizonte Joven (demo)", "ES"),
    ("most-mladi-demo", "Most Mladí (demo)", "CZ"),
    ("jauniesi-kopa-demo", "Jaunieši Kopā (demo)", "LV"),
    ("passerelles-jeunesse-demo", "Passerelles Jeunesse (demo)", "FR"),
    ("bridges-north-demo", "Bridges North (demo)", "NL"),
]

YB_RESPONDENTS = [
    ("yb.staff@example.org", "Yara Staff", RespondentRole.STAFF),
    ("yb.volunteer@example.org", "Victor Volunteer", RespondentRole.VOLUNTEER),
    ("yb.participant@example.org", "Paula Participant", RespondentRole.PARTICIPANT),
]


def framework_load(spec: dict, steps: list[str], mid_advice: str) -> Framework:
    """Create version 1 of a framework from ``content``; an existing one keeps its texts. Every version
    of it gets the translations it lacks (``content_translations``), in place."""
    framework, created = Framework.objects.get_or_create(
        slug=spec["slug"],
        version=1,
        defaults={
            "title": spec["title"],
            "audience": spec["audience"],
            "description": spec["description"],
            "is_published": True,
        },
    )
    if not created:
        for version in Framework.objects.filter(slug=spec["slug"]):
            framework_translations_fill(version)
        return framework
    for d_order, (code, title, short, description, slugs, indicators) in enumerate(spec["dimensions"]):
        dimension = Dimension.objects.create(
            framework=framework, code=code, title=title, short_title=short, description=description, order=d_order
        )
        for i_order, (i_code, statement, level0, level5, advice) in enumerate(indicators):
            indicator = Indicator(
                framework=framework,
                dimension=dimension,
                code=i_code,
                statement=statement,
                levels=[level0, *steps, level5],
                order=i_order,
            )
            indicator.full_clean()
            indicator.save()
            Recommendation.objects.create(
                indicator=indicator, min_score=0, max_score="2.49", text=advice, links=[link(s) for s in slugs]
            )
            Recommendation.objects.create(
                indicator=indicator, min_score="2.5", max_score="3.49", text=mid_advice, links=[link(slugs[0])]
            )
    framework_translations_fill(framework)
    return framework


def _demo_user(email, name, organisation=None, role=None):
    from allauth.account.models import EmailAddress

    from accounts.demo import DEMO_PASSWORD
    from accounts.models import Membership, User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if organisation is not None:
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def _rate_and_close(assessment, respondents, level: dict, rng, closed_at):
    from . import services

    indicators = list(Indicator.objects.filter(framework=assessment.framework).select_related("dimension"))
    for user in respondents:
        ratings = []
        for indicator in indicators:
            if rng.random() < 0.04 and indicator.allow_not_applicable:
                score = None
            else:
                score = max(0, min(5, round(level[indicator.dimension.code] + rng.gauss(0, 0.8))))
            ratings.append({"indicator": indicator.pk, "score": score})
        services.ratings_save(assessment=assessment, user=user, ratings=ratings)
    return services.assessment_close(assessment=assessment, by=assessment.created_by, closed_at=closed_at)


def _organisation_assessment(*, organisation, admin, framework, title, levels, respondents, started, rng, **project):
    from . import services

    existing = Assessment.objects.filter(organisation=organisation, title=title).first()
    if existing:
        return existing
    assessment = services.assessment_start(
        user=admin, framework=framework, organisation=organisation, title=title, created_at=started, **project
    )
    users = [admin]
    for user, role in respondents:
        Respondent.objects.get_or_create(assessment=assessment, user=user, defaults={"role": role})
        users.append(user)
    return _rate_and_close(assessment, users, levels, rng, started + timedelta(days=30))


@transaction.atomic
def seed(*, stdout=None, **options) -> None:
    from accounts.demo import demo_organisation, demo_user
    from accounts.enums import MembershipRole, OrganisationKind
    from accounts.models import Organisation

    from . import services

    rng = random.Random(2026)
    organisation_fw = framework_load(ORGANISATION, ORGANISATION_STEPS, ORGANISATION_MID_ADVICE)
    student_fw = framework_load(STUDENT, STUDENT_STEPS, STUDENT_MID_ADVICE)
    codes = [d[0] for d in ORGANISATION["dimensions"]]
    now = timezone.now().replace(microsecond=0)

    youth = demo_organisation("youth-bridges-demo")
    admin = demo_user("org@example.org")
    respondents = [(_demo_user(e, n, youth, MembershipRole.MEMBER), r) for e, n, r in YB_RESPONDENTS]
    first_levels = dict(zip(codes, [1.6, 2.8, 2.4, 1.4, 2.0, 3.0], strict=True))
    second_levels = dict(zip(codes, [2.6, 3.4, 3.4, 2.4, 2.6, 3.5], strict=True))
    _organisation_assessment(
        organisation=youth,
        admin=admin,
        framework=organisation_fw,
        title="Youth Bridges baseline",
        levels=first_levels,
        respondents=respondents[:2],
        started=now - timedelta(days=430),
        rng=rng,
        project_name="Bridges for All",
        project_number="2024-1-BE05-KA152-YOU-000111222",
        participants=32,
        fewer_opportunities_share=45,
    )
    latest = _organisation_assessment(
        organisation=youth,
        admin=admin,
        framework=organisation_fw,
        title="Youth Bridges one year on",
        levels=second_levels,
        respondents=respondents,
        started=now - timedelta(days=65),
        rng=rng,
        project_name="Bridges for All",
        project_number="2024-1-BE05-KA152-YOU-000111222",
        participants=40,
        fewer_opportunities_share=52,
    )
    if not latest.actions.exists():
        indicator = Indicator.objects.get(framework=organisation_fw, code="ic-plain-language")
        services.action_item_save(
            assessment=latest,
            by=admin,
            indicator=indicator,
            priority=Priority.HIGH,
            target_level=4,
            actions="Rewrite the call for participants in plain language and test it with the youth council.",
            owner="Communication team",
            due_date=(now + timedelta(days=60)).date(),
            status=ActionStatus.IN_PROGRESS,
        )

    for index, (slug, name, country) in enumerate(PEERS):
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": OrganisationKind.YOUTH_ORGANISATION, "country": country}
        )
        peer_admin = _demo_user(f"admin@{slug}.example.org", f"{name} admin", organisation, MembershipRole.ADMIN)
        peer_member = _demo_user(f"member@{slug}.example.org", f"{name} member", organisation, MembershipRole.MEMBER)
        levels = {code: 1.5 + rng.random() * 2.5 for code in codes}
        _organisation_assessment(
            organisation=organisation,
            admin=peer_admin,
            framework=organisation_fw,
            title=f"{name} self-assessment",
            levels=levels,
            respondents=[(peer_member, RespondentRole.VOLUNTEER)],
            started=now - timedelta(days=120 + 10 * index),
            rng=rng,
        )

    student = demo_user("student@example.org")
    student_codes = [d[0] for d in STUDENT["dimensions"]]
    for phase, started, levels in (
        (Phase.BEFORE, now - timedelta(days=300), [2.0, 1.8, 1.5, 1.6, 2.2, 2.4]),
        (Phase.AFTER, now - timedelta(days=20), [3.6, 3.4, 3.2, 2.4, 3.1, 3.3]),
    ):
        title = "Before my Erasmus semester" if phase == Phase.BEFORE else "After my Erasmus semester"
        if Assessment.objects.filter(created_by=student, organisation__isnull=True, title=title).exists():
            continue
        assessment = services.assessment_start(
            user=student, framework=student_fw, phase=phase, title=title, created_at=started
        )
        _rate_and_close(
            assessment,
            [student],
            dict(zip(student_codes, levels, strict=True)),
            rng,
            started + timedelta(days=1),
        )
    if stdout:
        stdout.write(
            f"impact: 2 frameworks, {Assessment.objects.filter(organisation__isnull=False).count()} organisation "
            f"and {Assessment.objects.filter(organisation__isnull=True).count()} personal assessments"
        )
