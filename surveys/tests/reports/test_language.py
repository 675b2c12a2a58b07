"""Report files are written in the language the requester had when they asked."""

import openpyxl
import pytest
from django.utils import translation

from surveys.reports.models import ReportStatus
from surveys.reports.services import report_job_request

pytestmark = pytest.mark.django_db


def _build(user, survey, fmt, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        job, _created = report_job_request(requester=user, survey=survey, fmt=fmt, **kwargs)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    return job


def test_xlsx_asked_in_french_has_french_labels(survey, survey_manager, django_capture_on_commit_callbacks):
    survey_manager.preferred_language = "en"
    survey_manager.save()
    with translation.override("fr"):  # the request was in French
        job = _build(survey_manager, survey, "xlsx", django_capture_on_commit_callbacks)
    assert job.language == "fr"
    book = openpyxl.load_workbook(job.file.path)
    assert book.sheetnames[:2] == ["Synthèse", "Dictionnaire des variables"]
    summary = list(book["Synthèse"].iter_rows(values_only=True))
    assert summary[1][0] == "Réponses"


def test_the_same_report_in_two_languages_is_two_jobs(survey, survey_manager):
    english, _created = report_job_request(requester=survey_manager, survey=survey, fmt="csv", language="en")
    spanish, created = report_job_request(requester=survey_manager, survey=survey, fmt="csv", language="es")
    assert created and spanish.pk != english.pk
    assert (english.language, spanish.language) == ("en", "es")


def test_without_a_request_language_the_requesters_preference_is_used(survey, survey_manager):
    survey_manager.preferred_language = "nl"
    survey_manager.save()
    translation.deactivate_all()
    try:
        job, _created = report_job_request(requester=survey_manager, survey=survey, fmt="csv")
    finally:
        translation.activate("en")
    assert job.language == "nl"
