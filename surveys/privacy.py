"""What the surveys app holds on a person.

Answers to anonymous surveys are not linked to anyone, so they stay (they are not personal data);
the participation row (that the person took part) is exported and erased.
"""

from django.utils.translation import gettext_lazy as _

from siem_portal.registry import PrivacyHandler, ProcessingActivity

from .models import Invitation, Participation, Response, Survey
from .services import response_values


def export_surveys(user) -> dict:
    responses = []
    for response in Response.objects.filter(respondent=user).select_related("survey"):
        responses.append(
            {
                "survey": response.survey.title,
                "status": response.status,
                "started_at": response.started_at.isoformat(),
                "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
                "consent": response.consent,
                "consent_version": response.consent_version,
                "answers": {
                    k: str(v) if not isinstance(v, (list, int, float)) else v
                    for k, v in response_values(response).items()
                },
            }
        )
    return {
        "responses": responses,
        "took_part_anonymously_in": [
            {"survey": p.survey.title, "on": p.created_at.isoformat()}
            for p in Participation.objects.filter(user=user).select_related("survey")
        ],
        "surveys_created": list(Survey.objects.filter(created_by=user).values_list("title", flat=True)),
        "invitations": [
            {"survey": i.survey.title, "email": i.email, "status": i.status}
            for i in Invitation.objects.filter(user=user).select_related("survey")
        ],
    }


def erase_surveys(user) -> None:
    # surveys a manager built stay; only the link to the person goes (on_delete SET_NULL)
    Response.objects.filter(respondent=user).delete()
    Participation.objects.filter(user=user).delete()
    Invitation.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()


HANDLER = PrivacyHandler(
    label="surveys",
    models=(Response, Participation, Invitation, Survey),
    export=export_surveys,
    erase=erase_surveys,
)

ACTIVITIES = (
    ProcessingActivity(
        code="survey_answers",
        name=_("Research surveys: answers of students and university staff"),
        purpose=_(
            "Measure who takes part in Erasmus+ mobility and what holds students back, so that the project and "
            "the universities can make mobility accessible to students from every background."
        ),
        legal_basis=_(
            "Consent, given on the survey's consent page and withdrawable at /me/surveys/ (GDPR Art. 6(1)(a))."
        ),
        data_subjects=_("Students and university staff who take a survey."),
        data_categories=_(
            "Answers about studies, mobility, country and institution; for surveys that are not anonymous, the "
            "link between the account and the answers; invitations (email address and date)."
        ),
        retention=_(
            "Until the retention date set on each survey, then deleted by a daily task; a person can withdraw "
            "their answers before that."
        ),
        recipients=_(
            "Survey managers of the project (record-level data); IRO officers of the person's institution see "
            "protected aggregate figures only, never an individual answer."
        ),
        models=HANDLER.models,
        order=20,
    ),
    ProcessingActivity(
        code="survey_special_categories",
        name=_("Research surveys: special-category answers"),
        purpose=_(
            "Learn whether students from under-represented groups (ethnic minority, LGBTQI+, low income, "
            "disability, carers) reach mobility, which is the gap the project works on."
        ),
        legal_basis=_(
            "Explicit consent to these questions (GDPR Art. 9(2)(a)); every such question can be answered "
            "“Prefer not to say”."
        ),
        data_subjects=_("Students who take the Student Survey and choose to answer these questions."),
        data_categories=_(
            "Ethnic origin, sexual orientation and gender identity, health (disability), income, caring duties."
        ),
        retention=_("As the survey's other answers: until the survey's retention date, or until withdrawn."),
        recipients=_(
            "Survey managers only, in record-level files that leave these answers out unless asked, and every "
            "such file is logged. Reports show them only as protected figures of groups of at least ten."
        ),
        special_categories=True,
        models=(Response,),
        order=21,
    ),
)
