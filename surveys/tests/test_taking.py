"""Taking a survey: errors keep every answer, hidden sections are skipped, the review shows labels."""

import re

import pytest
from django.core.management import call_command

from accounts.tests.factories import InstitutionFactory
from surveys.definition import load_definition
from surveys.enums import SurveyStatus
from surveys.models import Answer, Response, Survey
from surveys.validation import answer_rows

from .factories import make_survey

pytestmark = pytest.mark.django_db


def _checked(html, input_id):
    tag = re.search(rf'<input[^>]*id="{input_id}"[^>]*>', html)
    assert tag is not None, input_id
    return " checked" in tag.group(0)


def test_rating_and_other_answers_survive_an_error_and_the_saved_ones_are_kept(client):
    make_survey(anonymous=True)
    client.post("/surveys/test-survey/start/")
    client.post("/surveys/test-survey/page/0/", {"went": "no", "action": "next"})
    saved = client.post("/surveys/test-survey/page/1/", {"score": "7", "comment": "fine", "action": "next"})
    assert saved.status_code == 302
    # back on the page, the saved 7 is shown checked
    assert _checked(client.get("/surveys/test-survey/page/1/").content.decode(), "q-score-7")
    # a new rating with an error elsewhere on the page: every posted answer is shown again
    page = client.post(
        "/surveys/test-survey/page/1/",
        {"score": "9", "comment": "far too long for twenty characters", "rank--a": "1", "action": "next"},
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert _checked(html, "q-score-9") and not _checked(html, "q-score-7")
    assert 'value="far too long for twenty characters"' in html
    assert re.search(r'name="rank--a"[^>]*>.*?<option value="1" selected>', html, re.S)
    # and what was saved before is still there, untouched by the failed page
    stored = dict(Answer.objects.filter(response=Response.objects.get()).values_list("question__code", "value_text"))
    assert stored["comment"] == "fine"
    assert Answer.objects.get(question__code="score").value_number == 7
    # sending the page as the error page shows it saves the new answers
    client.post("/surveys/test-survey/page/1/", {"score": "9", "comment": "ok", "action": "next"})
    assert Answer.objects.get(question__code="score").value_number == 9
    assert "9" in client.get("/surveys/test-survey/review/").content.decode()


def _student_with(client, values):
    call_command("load_siem_surveys")
    survey = Survey.objects.get(slug="siem-student-survey")
    survey.status = SurveyStatus.OPEN
    survey.save()
    assert client.post(f"/surveys/{survey.slug}/start/").status_code == 302
    response = Response.objects.get()
    definition = load_definition(survey)
    Answer.objects.bulk_create(answer_rows(definition, values, response.pk))
    return survey


def test_a_bachelor_who_has_not_been_abroad_skips_graduate_experience(client):
    survey = _student_with(client, {"study_level": "bachelor", "went_abroad": "no"})
    base = f"/surveys/{survey.slug}"
    page = client.get(f"{base}/page/4/").content.decode()
    assert "Section 5 of 6" in page and "Enablers of mobility" in page
    # the empty "Graduate experience" section (index 5) is never shown: straight on to the next one
    skipped = client.get(f"{base}/page/5/")
    assert skipped.status_code == 302 and skipped["Location"] == f"{base}/page/6/"
    consent = client.get(client.get(f"{base}/page/6/")["Location"]).content.decode()
    assert "Section 6 of 6" in consent
    # Back from the last section goes over it too
    client.post(f"{base}/consent/", {"consent": "yes", "step": "6"})
    back = client.post(f"{base}/page/6/", {"action": "back"})
    assert back["Location"] == f"{base}/page/4/"


def test_a_graduate_sees_graduate_experience(client):
    survey = _student_with(client, {"study_level": "graduated", "went_abroad": "no"})
    page = client.get(f"/surveys/{survey.slug}/page/5/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Graduate experience" in html and "Section 6 of 7" in html


def test_review_shows_institution_country_and_language_names_not_codes(client):
    InstitutionFactory(slug="universite-libre-demo", name="Université libre (démo)")
    survey = _student_with(
        client,
        {
            "institution": "universite-libre-demo",
            "study_country": "BE",
            "study_language": "fr",
            "study_level": "bachelor",
            "went_abroad": "no",
        },
    )
    html = client.get(f"/surveys/{survey.slug}/review/").content.decode()
    assert "Université libre (démo)" in html and "universite-libre-demo" not in html
    assert "<dd>Belgium</dd>" in html and "<dd>BE</dd>" not in html
    assert "<dd>French</dd>" in html and "<dd>fr</dd>" not in html


def test_please_specify_counts_only_with_other_and_says_so_without_javascript(client):
    make_survey(anonymous=True)
    client.post("/surveys/test-survey/start/")
    html = client.get("/surveys/test-survey/page/0/").content.decode()
    # without JavaScript the box is there, with a hint saying when to fill it in
    assert 'name="why__other"' in html and "Only if you chose “Other”." in html
    assert 'data-other-for="why" data-other-values="other "' in html
    client.post(
        "/surveys/test-survey/page/0/", {"went": "no", "why": ["money"], "why__other": "my aunt", "action": "next"}
    )
    assert not Answer.objects.filter(value_text="my aunt").exists()
    client.post(
        "/surveys/test-survey/page/0/", {"went": "no", "why": ["other"], "why__other": "my aunt", "action": "next"}
    )
    assert Answer.objects.get(question__code="why", choice__code="other").value_text == "my aunt"
    assert "Other: my aunt" in client.get("/surveys/test-survey/review/").content.decode()
