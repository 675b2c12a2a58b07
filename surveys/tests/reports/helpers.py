"""Responses inserted directly (no validation), so the tests control every count."""

import datetime

from django.utils import timezone

from surveys.enums import ResponseStatus
from surveys.models import Answer, Choice, Question, Response


def add_response(
    survey,
    *,
    institution=None,
    language="en",
    submitted_at=None,
    status=ResponseStatus.SUBMITTED,
    verified=True,
    **answers,
):
    """``answers``: code -> choice code, list of choice codes (multiple / ranking), number, text, or date.
    ``verified``: the tie to ``institution`` was verified (as for an invitation it issued)."""
    submitted_at = submitted_at or timezone.now()
    response = Response.objects.create(
        survey=survey,
        institution=institution,
        institution_verified=bool(institution and verified),
        language=language,
        status=status,
        submitted_at=submitted_at if status == ResponseStatus.SUBMITTED else None,
        consent=True,
    )
    rows = []
    for code, value in answers.items():
        q = Question.objects.get(survey=survey, code=code)
        choices = {c.code: c for c in Choice.objects.filter(question=q.parent or q)}
        if isinstance(value, list):
            for pos, v in enumerate(value, start=1):
                rows.append(
                    Answer(
                        response=response,
                        question=q,
                        choice=choices[v],
                        value_number=pos if q.type == "ranking" else None,
                    )
                )
        elif isinstance(value, str) and value in choices:
            rows.append(Answer(response=response, question=q, choice=choices[value]))
        elif isinstance(value, (int, float)):
            rows.append(Answer(response=response, question=q, value_number=value))
        elif isinstance(value, datetime.date):
            rows.append(Answer(response=response, question=q, value_date=value))
        else:
            rows.append(Answer(response=response, question=q, value_text=value))
    Answer.objects.bulk_create(rows)
    return response
