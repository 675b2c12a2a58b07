"""What the impact app holds on a person: their ratings, their invitations and personal assessments."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from siem_portal.registry import PrivacyHandler, ProcessingActivity

from .models import Assessment, Rating, Report, Respondent


def export_impact(user) -> dict:
    respondents = Respondent.objects.filter(user=user).select_related(
        "assessment__organisation", "assessment__framework"
    )
    ratings = {}
    for respondent_id, code, statement, score in Rating.objects.filter(respondent__user=user).values_list(
        "respondent_id", "indicator__code", "indicator__statement", "score"
    ):
        ratings.setdefault(respondent_id, []).append({"indicator": code, "statement": statement, "score": score})
    return {
        "assessments": [
            {
                "title": r.assessment.title,
                "organisation": r.assessment.organisation.name if r.assessment.organisation else None,
                "framework": str(r.assessment.framework),
                "phase": r.assessment.phase,
                "role": r.role,
                "status": r.assessment.status,
                "started": r.assessment.created_at.isoformat(),
                "ratings": ratings.get(r.pk, []),
            }
            for r in respondents
        ],
        "reports_requested": Report.objects.filter(requested_by=user).count(),
    }


@transaction.atomic
def erase_impact(user) -> None:
    # A student's own before/after assessments are theirs alone: they go.
    Assessment.objects.filter(organisation__isnull=True, created_by=user).delete()
    # In an organisation's assessment the ratings describe the organisation, not the person: they
    # stay, anonymous, so the organisation's results and trend do not change under it.
    Respondent.objects.filter(user=user).update(user=None)
    Assessment.objects.filter(created_by=user).update(created_by=None)
    Report.objects.filter(requested_by=user).update(requested_by=None)


HANDLER = PrivacyHandler(
    label="impact self-assessment",
    models=(Assessment, Respondent, Report),
    export=export_impact,
    erase=erase_impact,
)

ACTIVITIES = (
    ProcessingActivity(
        code="impact",
        name=_("Impact self-assessment"),
        purpose=_("Let organisations and students assess the impact of their mobility projects and see their results."),
        legal_basis=_("Contract: the assessment the organisation or the person starts (GDPR Art. 6(1)(b))."),
        data_subjects=_("Organisation admins, the respondents they invite, and students who assess themselves."),
        data_categories=_("Ratings, comments, action plans, invitations (email address), report files."),
        retention=_("Until the organisation deletes the assessment or the person deletes the account."),
        recipients=_("The organisation's admins; benchmarks show only figures of at least five other organisations."),
        models=HANDLER.models,
        order=50,
    ),
)
