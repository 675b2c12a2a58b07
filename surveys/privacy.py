"""What the surveys app holds on a person.

Answers to anonymous surveys are not linked to anyone, so they stay (they are not personal data);
the participation row (that the person took part) is exported and erased.
"""

from siem_portal.registry import PrivacyHandler

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
