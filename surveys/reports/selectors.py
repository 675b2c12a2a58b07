"""Who sees which results: survey managers every response, IRO officers their institution's."""

from django.db.models import Count, Q, Sum

from accounts.selectors import iro_institutions_for_user

from ..enums import ResponseStatus, SurveyStatus
from ..models import Survey
from .models import ReportJob


def is_manager(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("surveys.manage_surveys"))


def iro_institutions(user):
    if not (user and user.is_authenticated):
        return []
    return list(iro_institutions_for_user(user=user).order_by("name"))


def surveys_for_iro(*, institution) -> list:
    """Published surveys with the number of submitted responses from this institution (those whose
    tie to it is verified: the ones its results are made of), as a protected figure like every
    figure an institution sees (None: fewer than k, zero included). One query."""
    from ..disclosure import Cell, effective_threshold, protect

    mine = Q(
        responses__institution=institution,
        responses__institution_verified=True,
        responses__status=ResponseStatus.SUBMITTED,
    )
    surveys = list(
        Survey.objects.exclude(status=SurveyStatus.DRAFT)
        .annotate(
            institution_count=Count("responses", filter=mine),
            institution_keys=Sum("responses__record_key", filter=mine),
        )
        .order_by("title")
    )
    for survey in surveys:
        cell = Cell(survey.institution_count, survey.institution_keys or 0)
        survey.institution_responses = protect(cell, effective_threshold(survey.k))
    return surveys


def survey_for_iro(*, slug: str):
    return Survey.objects.exclude(status=SurveyStatus.DRAFT).filter(slug=slug).first()


def jobs_for_user(*, user, survey=None):
    qs = ReportJob.objects.filter(requester=user).select_related("survey")
    if survey is not None:
        qs = qs.filter(survey=survey)
    return qs


def job_visible_to(*, user, pk: int):
    """A job its requester may see, or any survey manager (None otherwise, so the view says 404)."""
    if not (user and user.is_authenticated):
        return None
    qs = ReportJob.objects.select_related("survey", "institution", "requester")
    if not is_manager(user):
        qs = qs.filter(requester=user)
    return qs.filter(pk=pk).first()


def surveys_with_counts():
    """Every survey with its number of submitted responses (survey managers' results index)."""
    return Survey.objects.annotate(
        submitted=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
    ).order_by("title")
