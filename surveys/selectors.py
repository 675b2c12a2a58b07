"""Reads of the surveys app, already filtered for the person asking."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .enums import Access, InvitationStatus, ResponseStatus, SurveyStatus
from .models import Invitation, Participation, Response, Survey


def surveys_open_for(*, user, api: bool = False) -> QuerySet:
    """Open surveys this person can answer: public ones, signed-in ones (the page lists them to
    visitors too, with a sign-in step; the API does not), and invitation-only ones they were invited to."""
    now = timezone.now()
    qs = Survey.objects.filter(status=SurveyStatus.OPEN).filter(
        Q(opens_at__isnull=True) | Q(opens_at__lte=now), Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )
    allowed = Q(access=Access.PUBLIC)
    if user.is_authenticated or not api:
        allowed |= Q(access=Access.SIGNED_IN)
    if user.is_authenticated:
        invited = Invitation.objects.filter(Q(user=user) | Q(email__iexact=user.email)).values("survey_id")
        allowed |= Q(access=Access.INVITATION, pk__in=invited)
    return qs.filter(allowed).order_by("closes_at", "title")


def survey_for_taking(*, slug: str) -> Survey | None:
    return Survey.objects.filter(slug=slug).exclude(status=SurveyStatus.DRAFT).first()


def surveys_for_manager() -> QuerySet:
    return Survey.objects.annotate(
        submitted=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
    ).order_by("-created_at")


def responses_of(*, user) -> QuerySet:
    """The person's own (non-anonymous) responses: nobody else's ever."""
    if not user.is_authenticated:
        return Response.objects.none()
    return Response.objects.filter(respondent=user).select_related("survey").order_by("-started_at")


def participations_of(*, user) -> QuerySet:
    if not user.is_authenticated:
        return Participation.objects.none()
    return Participation.objects.filter(user=user).select_related("survey").order_by("-created_at")


def invitation_counts(*, survey: Survey) -> dict:
    rows = dict(
        Invitation.objects.filter(survey=survey)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    sent = sum(rows.get(s, 0) for s in (InvitationStatus.SENT, InvitationStatus.STARTED, InvitationStatus.FINISHED))
    return {
        "invited": sum(rows.values()),
        "sent": sent,
        "started": rows.get(InvitationStatus.STARTED, 0) + rows.get(InvitationStatus.FINISHED, 0),
        "finished": rows.get(InvitationStatus.FINISHED, 0),
    }


def home_context():
    """The home page's "Take the survey" block: the open public student survey (one query)."""
    survey = (
        surveys_open_for_anyone()
        .filter(audience__in=["students", "everyone"])
        .only("slug", "title", "description", "translations")
        .first()
    )
    if survey is None:
        return None
    return {"survey": survey, "title": survey.tr("title"), "description": survey.tr("description")}


def surveys_open_for_anyone() -> QuerySet:
    now = timezone.now()
    return Survey.objects.filter(status=SurveyStatus.OPEN, access=Access.PUBLIC).filter(
        Q(opens_at__isnull=True) | Q(opens_at__lte=now), Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )


def surveys_past_retention(*, today=None) -> QuerySet:
    return Survey.objects.filter(retention_until__lt=today or timezone.localdate())
