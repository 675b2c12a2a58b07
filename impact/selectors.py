"""Every non-trivial read of the impact app, already filtered for the person asking."""

import math
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from accounts.enums import MembershipRole
from accounts.models import Membership, User

from . import scoring
from .enums import AssessmentStatus, Phase
from .models import ActionItem, Assessment, Dimension, DimensionResult, Framework, Indicator, Rating, Recommendation

BENCHMARK_MIN_PEERS = 5
TOP = 3
# advice for the lowest-scoring statements first; more would bury the most useful ones
MAX_RECOMMENDATIONS = 8


def frameworks_published(*, audience: str | None = None):
    qs = Framework.objects.filter(is_published=True)
    if audience:
        qs = qs.filter(audience=audience)
    return qs.order_by("audience", "slug", "-version")


def frameworks_for_management():
    return Framework.objects.annotate(
        indicator_count=Count("indicators", distinct=True), assessment_count=Count("assessments", distinct=True)
    ).order_by("slug", "-version")


def framework_is_editable(framework: Framework) -> bool:
    """Only an unpublished version nobody has assessed with can change (services check it again)."""
    return not framework.is_published and not framework.assessments.exists()


def framework_with_content(*, pk: int, published_only: bool = True) -> Framework:
    qs = Framework.objects.all()
    if published_only:
        qs = qs.filter(is_published=True)
    return qs.prefetch_related("dimensions__indicators__recommendations").get(pk=pk)


def admin_organisations(*, user: User):
    from accounts.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=MembershipRole.ADMIN).distinct()


def assessments_for_user(*, user: User):
    """Assessments the person may open: their own personal ones, every assessment of an
    organisation they administer, and those they are invited to. Anything else is a 404."""
    if not user.is_authenticated:
        return Assessment.objects.none()
    admin_of = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values("organisation_id")
    invited = Assessment.objects.filter(respondents__user=user).values("pk")
    return (
        Assessment.objects.filter(
            Q(organisation__isnull=True, created_by=user) | Q(organisation_id__in=admin_of) | Q(pk__in=invited)
        )
        .select_related("framework", "organisation")
        .annotate(
            respondent_count=Count("respondents", distinct=True),
            answered_count=Count("respondents", filter=Q(respondents__completed_at__isnull=False), distinct=True),
        )
    )


def organisation_assessments_for_user(*, user: User):
    return assessments_for_user(user=user).filter(organisation__isnull=False).order_by("-created_at")


def personal_assessments_for_user(*, user: User):
    return assessments_for_user(user=user).filter(organisation__isnull=True).order_by("-created_at")


def members_to_invite(*, assessment: Assessment):
    invited = assessment.respondents.exclude(user=None).values("user_id")
    return (
        User.objects.filter(memberships__organisation_id=assessment.organisation_id)
        .exclude(pk__in=invited)
        .distinct()
        .order_by("full_name", "email")
    )


def respondents_of(*, assessment: Assessment):
    return assessment.respondents.select_related("user").annotate(rated=Count("ratings"))


def own_ratings(*, assessment: Assessment, user: User) -> dict[int, int | None]:
    return dict(
        Rating.objects.filter(respondent__assessment=assessment, respondent__user=user).values_list(
            "indicator_id", "score"
        )
    )


def progress(*, assessment: Assessment) -> tuple[int, int]:
    """(respondents who rated every indicator, respondents)."""
    counts = assessment.respondents.aggregate(
        total=Count("pk"), answered=Count("pk", filter=Q(completed_at__isnull=False))
    )
    return counts["answered"], counts["total"]


def current_levels(*, assessment: Assessment) -> dict[int, int]:
    """{indicator id: the level it has reached}: the whole part of its mean score ('not applicable'
    left out), the level an action plan's target starts above. One query."""
    rows = (
        Rating.objects.filter(respondent__assessment=assessment, score__isnull=False)
        .values("indicator_id")
        .annotate(mean=Avg("score"))
    )
    return {row["indicator_id"]: math.floor(row["mean"] + 1e-9) for row in rows}


# --- results -----------------------------------------------------------------------------------


@dataclass
class Row:
    """One dimension or indicator line of the results, ready for templates, the PDF and the API."""

    obj: object
    stat: object
    benchmark: dict | None = None
    previous: float | None = None
    children: list = field(default_factory=list)
    trend: list = field(default_factory=list)

    @property
    def change(self) -> float | None:
        if self.previous is None or self.stat.mean is None:
            return None
        return self.stat.mean - self.previous


@dataclass
class Results:
    assessment: Assessment
    dimensions: list[Row]
    overall: float | None
    respondents: int
    strengths: list[Row]
    priorities: list[Row]
    recommendations: list[dict]
    trend: list[dict]
    benchmark_peers: int
    benchmark_shown: bool
    comparison: Assessment | None = None
    actions: list = field(default_factory=list)

    @property
    def disagreements(self) -> list[Row]:
        return [i for d in self.dimensions for i in d.children if i.stat.disagreement]


def _ratings(assessment_id: int):
    return Rating.objects.filter(respondent__assessment_id=assessment_id).values_list(
        "respondent_id", "indicator_id", "score"
    )


def benchmark_for(*, framework_id: int, organisation_kind: str, exclude_organisation_id: int | None):
    """Anonymous mean and quartiles per dimension over the latest closed assessment of every OTHER
    organisation of the same kind on this framework version; (peers, {dimension_id: figures})."""
    rows = (
        DimensionResult.objects.filter(framework_id=framework_id, organisation_kind=organisation_kind, is_latest=True)
        .exclude(organisation_id=exclude_organisation_id)
        .exclude(mean=None)
        .values_list("organisation_id", "dimension_id", "mean")
    )
    organisations, values = set(), {}
    for organisation_id, dimension_id, mean in rows:
        organisations.add(organisation_id)
        values.setdefault(dimension_id, []).append(mean)
    figures = {}
    for dimension_id, means in values.items():
        q1, median, q3 = scoring.quartiles(means)
        figures[dimension_id] = {
            "organisations": len(means),
            "mean": sum(means) / len(means),
            "q1": q1,
            "median": median,
            "q3": q3,
        }
    return len(organisations), figures


def results_for(*, assessment: Assessment, include_actions: bool = True) -> Results:
    """Everything the results page, the PDF and the API show for a closed assessment, in a fixed
    number of queries whatever the number of respondents."""
    dimensions = list(Dimension.objects.filter(framework_id=assessment.framework_id))
    indicators = list(Indicator.objects.filter(framework_id=assessment.framework_id))
    ratings = list(_ratings(assessment.pk))
    scores = scoring.compute(((i.pk, i.dimension_id, i.weight) for i in indicators), ratings)
    respondents = len({r for r, _i, s in ratings if s is not None})

    comparison = None
    previous_scores = None
    if assessment.is_personal and assessment.phase == Phase.AFTER:
        comparison = (
            Assessment.objects.filter(
                organisation__isnull=True,
                created_by_id=assessment.created_by_id,
                framework_id=assessment.framework_id,
                phase=Phase.BEFORE,
                status=AssessmentStatus.CLOSED,
            )
            .order_by("-closed_at")
            .first()
        )
        if comparison:
            previous_scores = scoring.compute(
                ((i.pk, i.dimension_id, i.weight) for i in indicators), list(_ratings(comparison.pk))
            )

    benchmark_peers, benchmark = 0, {}
    if assessment.organisation_id:
        benchmark_peers, benchmark = benchmark_for(
            framework_id=assessment.framework_id,
            organisation_kind=assessment.organisation.kind,
            exclude_organisation_id=assessment.organisation_id,
        )
    shown = benchmark_peers >= BENCHMARK_MIN_PEERS

    rows = []
    by_dimension = {}
    for dimension in dimensions:
        row = Row(
            dimension,
            scores.dimensions.get(dimension.pk, scoring.DimensionStat(dimension.pk)),
            benchmark=benchmark.get(dimension.pk) if shown else None,
            previous=previous_scores.dimensions[dimension.pk].mean
            if previous_scores and dimension.pk in previous_scores.dimensions
            else None,
        )
        rows.append(row)
        by_dimension[dimension.pk] = row
    indicator_rows = []
    for indicator in indicators:
        indicator.dimension = by_dimension[indicator.dimension_id].obj
        row = Row(
            indicator,
            scores.indicators[indicator.pk],
            previous=previous_scores.indicators[indicator.pk].mean if previous_scores else None,
        )
        by_dimension[indicator.dimension_id].children.append(row)
        indicator_rows.append(row)

    scored = [r for r in indicator_rows if r.stat.mean is not None]
    strengths = sorted(scored, key=lambda r: (-r.stat.mean, r.obj.order))[:TOP]
    strengths = [r for r in strengths if r.stat.mean >= 3]
    priorities = sorted(scored, key=lambda r: (r.stat.mean, r.obj.order))[:TOP]
    priorities = [r for r in priorities if r.stat.mean < 3]

    means = {r.obj.pk: r.stat.mean for r in scored}
    recommendations = []
    for rec in Recommendation.objects.filter(indicator__framework_id=assessment.framework_id).order_by("pk"):
        mean = means.get(rec.indicator_id)
        if mean is not None and float(rec.min_score) <= mean <= float(rec.max_score):
            row = next(r for r in scored if r.obj.pk == rec.indicator_id)
            recommendations.append({"recommendation": rec, "indicator": row.obj, "mean": mean})
    recommendations.sort(key=lambda r: (r["mean"], r["indicator"].order))
    recommendations = recommendations[:MAX_RECOMMENDATIONS]

    trend = []
    if assessment.organisation_id:
        history = (
            DimensionResult.objects.filter(
                organisation_id=assessment.organisation_id,
                framework_id=assessment.framework_id,
                assessment__closed_at__lte=assessment.closed_at or assessment.created_at,
            )
            .select_related("assessment")
            .order_by("assessment__closed_at", "assessment_id")
        )
        points = {}
        for result in history:
            point = points.setdefault(
                result.assessment_id,
                {"assessment": result.assessment, "label": result.assessment.closed_at, "values": {}},
            )
            point["values"][result.dimension_id] = result.mean
        trend = list(points.values())
        for row in rows:
            row.trend = [p["values"].get(row.obj.pk) for p in trend]

    actions = []
    if include_actions:
        actions = list(ActionItem.objects.filter(assessment=assessment).select_related("indicator"))
    return Results(
        assessment=assessment,
        dimensions=rows,
        overall=scores.overall,
        respondents=respondents,
        strengths=strengths,
        priorities=priorities,
        recommendations=recommendations,
        trend=trend,
        benchmark_peers=benchmark_peers,
        benchmark_shown=shown,
        comparison=comparison,
        actions=actions,
    )


def home_context() -> dict | None:
    """The home page block: how many organisations have closed an assessment (one query)."""
    counts = Assessment.objects.filter(status=AssessmentStatus.CLOSED).aggregate(
        organisations=Count("organisation", distinct=True),
        students=Count("created_by", filter=Q(organisation__isnull=True), distinct=True),
    )
    if not counts["organisations"] and not counts["students"]:
        return None
    return counts
