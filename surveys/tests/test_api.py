import io

import pytest
from openpyxl import Workbook, load_workbook

from surveys.enums import SurveyStatus
from surveys.models import Answer, Invitation, Response, Survey

from .factories import make_survey
from .test_services import GOOD

pytestmark = pytest.mark.django_db


def test_list_shows_open_surveys_only_with_bounded_queries(api_client, django_assert_max_num_queries):
    make_survey()
    make_survey(slug="draft-one", status=SurveyStatus.DRAFT)
    with django_assert_max_num_queries(3):
        body = api_client.get("/api/v1/surveys/").json()
    assert [s["slug"] for s in body["results"]] == ["test-survey"]
    for i in range(5):
        make_survey(slug=f"more-{i}")
    with django_assert_max_num_queries(3):
        body = api_client.get("/api/v1/surveys/").json()
    assert len(body["results"]) == 6


def test_definition_in_the_asked_language(api_client):
    make_survey()
    body = api_client.get("/api/v1/surveys/test-survey/?lang=fr").json()
    assert body["title"] == "Enquête test" and body["anonymous"] is False
    first = body["sections"][0]["questions"][0]
    assert first == {
        "code": "went",
        "type": "yes_no",
        "text": "Êtes-vous parti ?",
        "help": "",
        "required": True,
        "special_category": False,
        "validation": {},
        "choices": [{"code": "yes", "label": "Oui", "other": False}, {"code": "no", "label": "Non", "other": False}],
        "condition": None,
    }
    assert body["sections"][0]["questions"][1]["condition"] == {
        "all": [{"question": "went", "operator": "equals", "value": "yes"}]
    }
    english = api_client.get("/api/v1/surveys/test-survey/", HTTP_ACCEPT_LANGUAGE="es").json()
    assert english["sections"][0]["questions"][0]["text"] == "Did you go abroad?"
    assert api_client.get("/api/v1/surveys/draft/").status_code == 404


def test_post_response_201_400_409(api_client, user):
    make_survey()
    api_client.force_authenticate(user)
    url = "/api/v1/surveys/test-survey/responses/"
    bad = api_client.post(url, {"answers": {**GOOD, "went": "no", "score": "8"}, "consent": True}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"months", "score"}
    ok = api_client.post(url, {"answers": GOOD, "consent": True}, format="json")
    assert ok.status_code == 201 and len(ok.json()["id"]) == 32
    again = api_client.post(url, {"answers": GOOD, "consent": True}, format="json")
    assert again.status_code == 409
    assert Response.objects.count() == 1 and Response.objects.get().respondent == user


def test_post_to_closed_survey_is_409(api_client):
    make_survey(status=SurveyStatus.CLOSED)
    response = api_client.post(
        "/api/v1/surveys/test-survey/responses/", {"answers": GOOD, "consent": True}, format="json"
    )
    assert response.status_code == 409 and Answer.objects.count() == 0


def test_invitation_only_survey_needs_a_valid_token(api_client):
    survey = make_survey(access="invitation")
    invitation = Invitation.objects.create(survey=survey, email="a@example.org")
    url = "/api/v1/surveys/test-survey/responses/"
    assert api_client.post(url, {"answers": GOOD, "consent": True}, format="json").status_code == 403
    assert api_client.post(url, {"answers": GOOD, "consent": True, "token": "nope"}, format="json").status_code == 403
    ok = api_client.post(url, {"answers": GOOD, "consent": True, "token": invitation.token}, format="json")
    assert ok.status_code == 201
    invitation.refresh_from_db()
    assert invitation.status == "finished"
    assert (
        api_client.post(url, {"answers": GOOD, "consent": True, "token": invitation.token}, format="json").status_code
        == 409
    )


def test_manager_endpoints_are_for_survey_managers(api_client, user, survey_manager):
    body = {
        "slug": "api-made",
        "title": "Made by API",
        "sections": [{"title": "S", "questions": [{"code": "a", "type": "short_text", "text": "A?"}]}],
    }
    assert api_client.post("/api/v1/surveys/", body, format="json").status_code in (401, 403)
    api_client.force_authenticate(user)
    assert api_client.post("/api/v1/surveys/", body, format="json").status_code == 403
    assert api_client.get("/api/v1/surveys/api-made/xlsform/").status_code == 403
    api_client.force_authenticate(survey_manager)
    created = api_client.post("/api/v1/surveys/", body, format="json")
    assert created.status_code == 201 and created.json()["slug"] == "api-made"
    patched = api_client.patch("/api/v1/surveys/api-made/", {"title": "Renamed", "k": 3}, format="json")
    assert patched.status_code == 400 and "k" in patched.json()["errors"]
    patched = api_client.patch("/api/v1/surveys/api-made/", {"title": "Renamed"}, format="json")
    assert patched.status_code == 200 and Survey.objects.get(slug="api-made").title == "Renamed"
    added = api_client.post(
        "/api/v1/surveys/api-made/questions/",
        {"section": 0, "code": "b", "type": "integer", "text": "B?"},
        format="json",
    )
    assert added.status_code == 201
    export = api_client.get("/api/v1/surveys/api-made/xlsform/")
    assert export.status_code == 200
    names = [
        row[1] for row in load_workbook(io.BytesIO(export.content))["survey"].iter_rows(min_row=2, values_only=True)
    ]
    assert names == ["section_1", "a", "b", "section_1"]


def _kobo_form() -> bytes:
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(
        [
            "type",
            "name",
            "label::English (en)",
            "label::Français (fr)",
            "hint::English (en)",
            "required",
            "relevant",
            "constraint",
            "appearance",
        ]
    )
    survey.append(["start", "start", None, None, None, None, None, None, None])
    survey.append(["begin group", "g1", "About you", "À propos de vous", None, None, None, None, None])
    survey.append(["select_one yn", "abroad", "Went abroad?", "Parti ?", "Think of all trips", "yes", None, None, None])
    survey.append(["integer", "months", "Months", "Mois", None, None, "${abroad} = 'yes'", ". >= 1 and . <= 24", None])
    survey.append(
        [
            "select_multiple why",
            "why",
            "Why?",
            "Pourquoi ?",
            None,
            None,
            "selected(${abroad}, 'no')",
            "count-selected(.) <= 2",
            None,
        ]
    )
    survey.append(["end group", None, None, None, None, None, None, None, None])
    survey.append(["begin group", "g2", "More", "Plus", None, None, None, None, None])
    survey.append(
        ["text", "story", "Your story", "Votre histoire", None, None, None, "string-length(.) <= 200", "multiline"]
    )
    survey.append(["date", "when", "When", "Quand", None, None, None, None, None])
    survey.append(["decimal", "share", "Share", "Part", None, None, "${months} >= 3", None, None])
    survey.append(["note", "bye", "Thanks", "Merci", None, None, None, None, None])
    survey.append(["end group", None, None, None, None, None, None, None, None])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label::English (en)", "label::Français (fr)"])
    choices.append(["yn", "yes", "Yes", "Oui"])
    choices.append(["yn", "no", "No", "Non"])
    choices.append(["why", "money", "Money", "Argent"])
    choices.append(["why", "family", "Family", "Famille"])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "default_language"])
    settings.append(["Kobo form", "kobo_form", "English (en)"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_xlsform_import_with_groups_relevant_and_two_languages_then_round_trip(api_client, survey_manager):
    api_client.force_authenticate(survey_manager)
    response = api_client.post("/api/v1/surveys/import/", {"file": io.BytesIO(_kobo_form())}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "kobo-form"
    body = api_client.get("/api/v1/surveys/kobo-form/?lang=fr").json()
    assert [s["title"] for s in body["sections"]] == ["À propos de vous", "Plus"]
    months = body["sections"][0]["questions"][1]
    assert months["condition"] == {"all": [{"question": "abroad", "operator": "equals", "value": "yes"}]}
    assert months["validation"] == {"min": 1, "max": 24} and months["text"] == "Mois"
    assert body["sections"][1]["questions"][0]["type"] == "long_text"
    assert body["sections"][0]["questions"][0]["choices"][0] == {"code": "yes", "label": "Oui", "other": False}
    # round trip: export, import under another address, compare the definitions
    exported = api_client.get("/api/v1/surveys/kobo-form/xlsform/").content
    again = api_client.post(
        "/api/v1/surveys/import/", {"file": io.BytesIO(exported), "slug": "kobo-again"}, format="multipart"
    )
    assert again.status_code == 201, again.json()
    for lang in ("en", "fr"):
        a = api_client.get(f"/api/v1/surveys/kobo-form/?lang={lang}").json()["sections"]
        b = api_client.get(f"/api/v1/surveys/kobo-again/?lang={lang}").json()["sections"]
        assert a == b


def test_siem_surveys_survive_an_xlsform_round_trip(api_client, survey_manager):
    from surveys.demo import load_siem_surveys

    load_siem_surveys()
    api_client.force_authenticate(survey_manager)
    for slug in ("siem-student-survey", "siem-staff-survey"):
        exported = api_client.get(f"/api/v1/surveys/{slug}/xlsform/").content
        again = api_client.post(
            "/api/v1/surveys/import/", {"file": io.BytesIO(exported), "slug": f"{slug}-rt"}, format="multipart"
        )
        assert again.status_code == 201, again.json()
        for lang in ("en", "fr"):
            a = api_client.get(f"/api/v1/surveys/{slug}/?lang={lang}").json()["sections"]
            b = api_client.get(f"/api/v1/surveys/{slug}-rt/?lang={lang}").json()["sections"]
            assert a == b


def test_xlsform_row_errors_and_nothing_half_imported(api_client, survey_manager):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label", "relevant", "constraint"])
    sheet.append(["text", "ok", "Fine", None, None])
    sheet.append(["geopoint", "where", "Where", None, None])
    sheet.append(["integer", "n", "N", "${ok} * 2 > 3", None])
    sheet.append(["integer", "m", "M", None, "weird(.)"])
    buffer = io.BytesIO()
    wb.save(buffer)
    api_client.force_authenticate(survey_manager)
    response = api_client.post("/api/v1/surveys/import/", {"file": io.BytesIO(buffer.getvalue())}, format="multipart")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"survey:3", "survey:4", "survey:5"}
    assert Survey.objects.count() == 0
    junk = api_client.post("/api/v1/surveys/import/", {"file": io.BytesIO(b"not a workbook")}, format="multipart")
    assert junk.status_code == 400


def test_list_shows_signed_in_and_invited_surveys_to_the_right_people(api_client, user, other_user):
    make_survey(slug="members", access="signed_in")
    invited = make_survey(slug="invited", access="invitation")
    Invitation.objects.create(survey=invited, email=user.email.upper())
    assert [s["slug"] for s in api_client.get("/api/v1/surveys/").json()["results"]] == []
    api_client.force_authenticate(user)
    assert sorted(s["slug"] for s in api_client.get("/api/v1/surveys/").json()["results"]) == ["invited", "members"]
    api_client.force_authenticate(other_user)
    assert [s["slug"] for s in api_client.get("/api/v1/surveys/").json()["results"]] == ["members"]


def test_manager_endpoints_refuse_other_people(api_client, user):
    make_survey()
    body = {"section": 0, "code": "zz", "type": "integer", "text": "Z?"}
    for client_user in (None, user):
        api_client.force_authenticate(client_user)
        assert api_client.patch("/api/v1/surveys/test-survey/", {"title": "X"}, format="json").status_code in (401, 403)
        assert api_client.post("/api/v1/surveys/test-survey/questions/", body, format="json").status_code in (401, 403)
        upload = api_client.post("/api/v1/surveys/import/", {"file": io.BytesIO(b"x")}, format="multipart")
        assert upload.status_code in (401, 403)
        assert api_client.get("/api/v1/surveys/test-survey/xlsform/").status_code in (401, 403)
    assert Survey.objects.get().title == "Test survey"
