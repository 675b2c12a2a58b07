import io
import re

import pytest
from django.core import mail
from openpyxl import Workbook

from accounts.tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from surveys.enums import InvitationStatus, ResponseStatus, SurveyStatus
from surveys.models import Answer, Invitation, Participation, Question, Response, Survey

from .factories import make_survey

pytestmark = pytest.mark.django_db


def _walk_to_review(client, survey):
    """Answer the test survey through its pages as a respondent would."""
    start = client.post(f"/surveys/{survey.slug}/start/")
    assert start.status_code == 302
    page = client.get(start["Location"])
    assert page.status_code == 200
    assert "Section 1 of 3" in page.content.decode()
    step0 = client.post(
        "/surveys/test-survey/page/0/",
        {"went": "no", "months": "4", "why": ["money"], "support_a": "yes", "support_b": "no", "action": "next"},
    )
    assert step0["Location"] == "/surveys/test-survey/page/1/"
    step1 = client.post(
        "/surveys/test-survey/page/1/",
        {"comment": "ok", "score": "7", "rank--a": "2", "rank--b": "1", "action": "next"},
    )
    # the next section holds special-category questions: consent comes first
    assert step1["Location"] == "/surveys/test-survey/page/2/"
    assert client.get("/surveys/test-survey/page/2/")["Location"] == "/surveys/test-survey/consent/?step=2"
    return client


def test_anonymous_visitor_completes_the_survey_and_hidden_answers_are_dropped(client):
    make_survey(anonymous=True)
    start = client.post("/surveys/test-survey/start/")
    code = re.search(r"resume-code\">([0-9A-F-]+)<", client.get("/surveys/test-survey/").content.decode())
    assert code is not None
    client.get(start["Location"])
    _walk = client.post(
        "/surveys/test-survey/page/0/",
        {"went": "no", "months": "4", "why": ["money"], "support_a": "yes", "action": "next"},
    )
    assert _walk.status_code == 302
    client.post("/surveys/test-survey/page/1/", {"score": "7", "action": "next"})
    consent = client.post("/surveys/test-survey/consent/", {"consent": "yes", "step": "2"})
    assert consent["Location"] == "/surveys/test-survey/page/2/"
    client.post("/surveys/test-survey/page/2/", {"income": "low", "action": "next"})
    review = client.get("/surveys/test-survey/review/")
    text = review.content.decode()
    assert "Did you go abroad?" in text and "How many months?" not in text
    done = client.post("/surveys/test-survey/review/")
    assert done["Location"] == "/surveys/test-survey/thanks/"
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED and response.respondent is None
    codes = set(Answer.objects.filter(response=response).values_list("question__code", flat=True))
    assert codes == {"went", "why", "support_a", "score", "income"}
    assert response.consent is True and response.consent_version == "v2"
    assert client.get("/surveys/test-survey/")["Location"] == "/surveys/test-survey/thanks/"
    assert Participation.objects.count() == 0  # an anonymous visitor leaves no participation with a person


def test_required_and_invalid_answers_show_a_linked_error_summary(client):
    make_survey(anonymous=True)
    client.post("/surveys/test-survey/start/")
    page = client.post("/surveys/test-survey/page/0/", {"went": "yes", "months": "99", "action": "next"})
    assert page.status_code == 400
    html = page.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#q-months"' in html and "at most 24" in html
    page = client.post("/surveys/test-survey/page/0/", {"action": "next"})
    assert 'href="#q-went-0"' in page.content.decode() and "This question is required." in page.content.decode()
    assert Answer.objects.count() == 0


def test_declining_consent_skips_the_special_questions(client):
    survey = make_survey(anonymous=True)
    _walk_to_review(client, survey)
    declined = client.post("/surveys/test-survey/consent/", {"consent": "no", "step": "2"})
    assert declined["Location"] == "/surveys/test-survey/review/"
    assert "Income" not in client.get("/surveys/test-survey/review/").content.decode()
    assert client.post("/surveys/test-survey/review/").status_code == 302
    assert Response.objects.get().consent is False


def test_anonymous_resume_code_continues_on_another_device(client):
    survey = make_survey(anonymous=True)
    client.post("/surveys/test-survey/start/")
    code = re.search(r"resume-code\">([0-9A-F-]+)<", client.get("/surveys/test-survey/").content.decode()).group(1)
    client.post("/surveys/test-survey/page/0/", {"went": "yes", "months": "3", "action": "next"})
    from django.test import Client

    other = Client()
    assert "Continue with a resume code" in other.get("/surveys/test-survey/").content.decode()
    wrong = other.post("/surveys/test-survey/resume/", {"code": "0000-0000-0000-0000"})
    assert wrong["Location"] == "/surveys/test-survey/"
    resumed = other.post("/surveys/test-survey/resume/", {"code": code})
    assert resumed["Location"] == "/surveys/test-survey/page/1/"
    page = other.get("/surveys/test-survey/page/0/")
    assert 'value="3"' in page.content.decode()
    assert survey.responses.count() == 1


def test_signed_in_person_resumes_automatically_and_answers_once(client, user):
    survey = make_survey()
    client.force_login(user)
    client.post("/surveys/test-survey/start/")
    client.post("/surveys/test-survey/page/0/", {"went": "no", "action": "next"})
    client.logout()
    client.force_login(user)
    again = client.post("/surveys/test-survey/start/")
    assert again["Location"] == "/surveys/test-survey/page/1/"
    client.post("/surveys/test-survey/page/1/", {"action": "next"})
    client.post("/surveys/test-survey/consent/", {"consent": "no", "step": "2"})
    client.post("/surveys/test-survey/review/")
    assert Response.objects.get(survey=survey).respondent == user
    assert client.get("/surveys/test-survey/")["Location"] == "/surveys/test-survey/thanks/"
    assert Response.objects.count() == 1


def test_closed_and_not_yet_open_surveys_say_so(client):
    make_survey(status=SurveyStatus.CLOSED)
    page = client.get("/surveys/test-survey/")
    assert page.status_code == 200 and "This survey is closed." in page.content.decode()
    assert client.post("/surveys/test-survey/start/").status_code == 409
    make_survey(slug="later", opens_at="2999-01-01T00:00:00+00:00")
    assert "not open yet" in client.get("/surveys/later/").content.decode()
    make_survey(slug="hidden-draft", status=SurveyStatus.DRAFT)
    assert client.get("/surveys/hidden-draft/").status_code == 404


def test_signed_in_only_survey_sends_visitors_to_sign_in(client):
    make_survey(access="signed_in")
    response = client.get("/surveys/test-survey/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_survey_list_query_count(client, django_assert_max_num_queries):
    make_survey()
    with django_assert_max_num_queries(4):
        assert client.get("/surveys/").status_code == 200
    for i in range(4):
        make_survey(slug=f"s-{i}", title=f"Survey {i}")
    with django_assert_max_num_queries(4):
        html = client.get("/surveys/").content.decode()
    assert html.count('class="card"') == 5


def test_french_page_shows_french_text(client):
    make_survey(anonymous=True)
    client.post("/surveys/test-survey/start/")
    html = client.get("/surveys/test-survey/page/0/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Êtes-vous parti ?" in html and "Argent" in html


def test_matrix_is_a_table_with_row_and_column_headers(client):
    make_survey(anonymous=True)
    client.post("/surveys/test-survey/start/")
    html = client.get("/surveys/test-survey/page/0/").content.decode()
    assert '<th scope="row" id="row-support_a">Info' in html
    assert '<th scope="col" id="col-support-0">No</th>' in html
    assert 'aria-labelledby="row-support_a col-support-0"' in html
    assert "<legend>Why?" in html
    assert 'data-condition="{&quot;all&quot;' in html and "survey.js" in html


# --- my surveys and permissions -------------------------------------------------------------------


def _answered(user):
    from surveys.services import response_create

    survey = Survey.objects.filter(slug="test-survey").first() or make_survey()
    return response_create(survey=survey, answers={"went": "no", "comment": "mine"}, consent=False, user=user)


def test_my_surveys_shows_my_answers_to_me_only(client, user, other_user):
    response = _answered(user)
    client.force_login(user)
    page = client.get("/me/surveys/")
    assert "Test survey" in page.content.decode()
    mine = client.get(f"/me/surveys/{response.pk}/")
    assert mine.status_code == 200 and "mine" in mine.content.decode()
    client.force_login(other_user)
    assert client.get(f"/me/surveys/{response.pk}/").status_code == 404
    assert client.post(f"/me/surveys/{response.pk}/withdraw/").status_code == 404
    assert other_user.has_perm("surveys.view_response", response) is False
    client.logout()
    assert client.get(f"/me/surveys/{response.pk}/").status_code == 302


def test_withdraw_while_open_only(client, user):
    response = _answered(user)
    client.force_login(user)
    assert client.post(f"/me/surveys/{response.pk}/withdraw/")["Location"] == "/me/surveys/"
    assert not Response.objects.exists()
    response = _answered(user)
    Survey.objects.update(status=SurveyStatus.CLOSED)
    client.post(f"/me/surveys/{response.pk}/withdraw/")
    assert Response.objects.filter(pk=response.pk).exists()


def test_my_surveys_query_count(client, user, django_assert_max_num_queries):
    from surveys.services import response_create

    client.force_login(user)
    for i in range(5):
        response_create(survey=make_survey(slug=f"m-{i}"), answers={"went": "no"}, user=user)
        if i == 0:
            # 9: one is the staff-role check every signed-in request makes (accounts.middleware)
            with django_assert_max_num_queries(9):
                client.get("/me/surveys/")
    with django_assert_max_num_queries(9):
        html = client.get("/me/surveys/").content.decode()
    assert html.count("/me/surveys/") >= 5


def test_privacy_export_and_erase(user):
    from surveys.privacy import erase_surveys, export_surveys

    _answered(user)
    anonymous = make_survey(slug="anon", anonymous=True)
    from surveys.services import response_create

    response_create(survey=anonymous, answers={"went": "yes", "months": 2}, user=user)
    data = export_surveys(user)
    assert data["responses"][0]["answers"]["comment"] == "mine"
    assert data["took_part_anonymously_in"][0]["survey"] == "Test survey"
    erase_surveys(user)
    assert not Response.objects.filter(respondent=user).exists()
    assert not Participation.objects.exists()
    assert Response.objects.filter(survey=anonymous).count() == 1  # anonymous answers stay, unlinked


# --- builder --------------------------------------------------------------------------------------


def test_builder_is_for_survey_managers_only(client, user):
    make_survey()
    assert client.get("/manage/surveys/").status_code == 302
    client.force_login(user)
    for url in ("/manage/surveys/", "/manage/surveys/new/", "/manage/surveys/test-survey/", "/manage/surveys/import/"):
        assert client.get(url).status_code == 403
    assert client.post("/manage/surveys/test-survey/status/", {"status": "closed"}).status_code == 403
    assert Survey.objects.get().status == SurveyStatus.OPEN


def test_builder_flow_create_add_question_publish_duplicate(client, survey_manager):
    client.force_login(survey_manager)
    created = client.post(
        "/manage/surveys/new/",
        {
            "title": "Built",
            "slug": "built",
            "audience": "students",
            "access": "public",
            "anonymous": "on",
            "consent_version": "1",
            "k": "10",
            "translations": "{}",
        },
    )
    assert created["Location"] == "/manage/surveys/built/"
    survey = Survey.objects.get(slug="built")
    section = survey.sections.get()
    bad = client.post(
        f"/manage/surveys/built/sections/{section.pk}/questions/new/",
        {"code": "q1", "type": "single", "widget": "radio", "text": "Pick", "choices": ""},
    )
    assert bad.status_code == 400 and "needs choices" in bad.content.decode()
    ok = client.post(
        f"/manage/surveys/built/sections/{section.pk}/questions/new/",
        {
            "code": "q1",
            "type": "single",
            "widget": "radio",
            "text": "Pick",
            "choices": "a | Apple\nb | Banana\nother | Other *",
            "special_category": "on",
        },
    )
    assert ok.status_code == 302
    question = Question.objects.get(survey=survey, code="q1")
    assert list(question.choices.values_list("code", "is_other")) == [
        ("a", False),
        ("b", False),
        ("other", True),
        ("prefer_not_to_say", False),
    ]
    cond = client.post(
        f"/manage/surveys/built/sections/{section.pk}/questions/new/",
        {
            "code": "q2",
            "type": "short_text",
            "widget": "radio",
            "text": "Why?",
            "condition": '{"all": [{"question": "q1", "operator": "equals", "value": "a"}]}',
        },
    )
    assert cond.status_code == 302
    assert Question.objects.get(code="q2").condition["all"][0]["question"] == "q1"
    preview = client.get("/manage/surveys/built/preview/")
    assert preview.status_code == 200 and "Banana" in preview.content.decode()
    client.post("/manage/surveys/built/status/", {"status": "open"})
    assert Survey.objects.get(slug="built").status == SurveyStatus.OPEN
    client.post("/manage/surveys/built/duplicate/")
    assert Survey.objects.get(slug="built-copy").status == SurveyStatus.DRAFT
    export = client.get("/manage/surveys/built/xlsform/")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_builder_wording_fix_in_place_structural_change_new_version(client, survey_manager):
    survey = make_survey()
    _answered(UserFactory())
    client.force_login(survey_manager)
    question = Question.objects.get(survey=survey, code="comment")
    client.post(
        f"/manage/surveys/test-survey/questions/{question.pk}/",
        {"widget": "radio", "text": "Any comment?", "validation": '{"max_length": 20}'},
    )
    survey.refresh_from_db()
    assert survey.version == 1 and Question.objects.get(pk=question.pk).text == "Any comment?"
    client.post(
        f"/manage/surveys/test-survey/questions/{question.pk}/",
        {"widget": "radio", "text": "Any comment?", "required": "on", "validation": '{"max_length": 20}'},
    )
    survey.refresh_from_db()
    assert survey.version == 2
    anonymous = make_survey(slug="anon", anonymous=True)
    from surveys.services import response_create

    response_create(survey=anonymous, answers={"went": "no"})
    form = {
        "title": "Anon",
        "slug": "anon",
        "audience": "everyone",
        "access": "public",
        "consent_version": "1",
        "k": "10",
        "translations": "{}",
    }
    page = client.post("/manage/surveys/anon/", form)
    assert page.status_code == 400 and "cannot stop being anonymous" in page.content.decode()
    assert Survey.objects.get(slug="anon").anonymous is True
    low_k = client.post("/manage/surveys/anon/", {**form, "anonymous": "on", "k": "4"})
    assert low_k.status_code == 400 and Survey.objects.get(slug="anon").k == 10


def test_import_page_reports_rows(client, survey_manager):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label"])
    sheet.append(["geopoint", "where", "Where"])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.name = "form.xlsx"
    buffer.seek(0)
    client.force_login(survey_manager)
    page = client.post("/manage/surveys/import/", {"file": buffer})
    assert page.status_code == 400
    assert "survey:2" in page.content.decode() and "geopoint" in page.content.decode()
    assert not Survey.objects.exists()


# --- invitations ----------------------------------------------------------------------------------


def test_invitations_are_emailed_once_used_once_and_reminded(
    client, survey_manager, django_capture_on_commit_callbacks
):
    survey = make_survey(access="invitation", anonymous=True)
    institution = InstitutionFactory()
    assert survey.invitations.count() == 0
    member = MembershipFactory(organisation=institution).user
    client.force_login(survey_manager)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            "/manage/surveys/test-survey/invitations/",
            {"emails": "a@example.org, b@example.org\nnot-an-email"},
        )
    assert page.status_code == 400 and not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/manage/surveys/test-survey/invitations/",
            {"emails": "a@example.org, b@example.org\nA@example.org", "organisation": institution.pk},
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["a@example.org", "b@example.org", member.email])
    invitation = Invitation.objects.get(email="a@example.org")
    assert (
        invitation.status == InvitationStatus.SENT
        and invitation.get_link() in mail.outbox[0].body
        or any(invitation.get_link() in m.body for m in mail.outbox)
    )
    client.logout()
    assert client.get("/surveys/test-survey/").status_code == 403
    client.get(f"/surveys/invitation/{invitation.token}/")
    client.post("/surveys/test-survey/start/")
    client.post("/surveys/test-survey/page/0/", {"went": "no", "action": "next"})
    client.post("/surveys/test-survey/page/1/", {"action": "next"})
    client.post("/surveys/test-survey/consent/", {"consent": "no", "step": "2"})
    assert client.post("/surveys/test-survey/review/")["Location"] == "/surveys/test-survey/thanks/"
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.FINISHED
    assert Response.objects.get().invitation is None  # anonymous: the response never points at the invitation
    assert Participation.objects.get().invitation == invitation
    mail.outbox.clear()
    client.force_login(survey_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/manage/surveys/test-survey/invitations/", {"action": "remind"})
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["b@example.org", member.email])
    page = client.get("/manage/surveys/test-survey/invitations/").content.decode()
    assert "<td>3</td><td>3</td><td>1</td><td>1</td>" in page


def test_without_consent_special_questions_in_a_mixed_section_are_not_asked(client):
    sections = [
        {
            "title": "Mixed",
            "questions": [
                {"code": "age", "type": "integer", "text": "Age"},
                {"code": "lgbt", "type": "yes_no", "text": "LGBTQI+?", "special_category": True},
            ],
        }
    ]
    make_survey(anonymous=True, sections=sections)
    client.post("/surveys/test-survey/start/")
    assert client.get("/surveys/test-survey/page/0/")["Location"] == "/surveys/test-survey/consent/?step=0"
    client.post("/surveys/test-survey/consent/", {"consent": "no", "step": "0"})
    html = client.get("/surveys/test-survey/page/0/").content.decode()
    assert "Age" in html and "LGBTQI+?" not in html
    client.post("/surveys/test-survey/page/0/", {"age": "20", "lgbt": "yes", "action": "next"})
    client.post("/surveys/test-survey/review/")
    assert list(Answer.objects.values_list("question__code", flat=True)) == ["age"]


def test_manage_list_query_count(client, survey_manager, django_assert_max_num_queries):
    client.force_login(survey_manager)
    make_survey()
    with django_assert_max_num_queries(8):
        assert client.get("/manage/surveys/").status_code == 200
    for i in range(4):
        make_survey(slug=f"x-{i}")
    with django_assert_max_num_queries(8):
        html = client.get("/manage/surveys/").content.decode()
    assert html.count("/manage/surveys/x-") == 4


def test_option_wording_fix_in_place(client, survey_manager):
    survey = make_survey()
    _answered(UserFactory())
    choice = Question.objects.get(survey=survey, code="why").choices.get(code="money")
    client.force_login(survey_manager)
    saved = client.post(
        f"/manage/surveys/test-survey/choices/{choice.pk}/",
        {"label": "Money matters", "translations": '{"fr": {"label": "L\'argent"}}'},
    )
    assert saved.status_code == 302
    choice.refresh_from_db()
    survey.refresh_from_db()
    assert (choice.label, choice.translations["fr"]["label"], survey.version) == ("Money matters", "L'argent", 1)
    bad = client.post(f"/manage/surveys/test-survey/choices/{choice.pk}/", {"label": "x", "translations": "{nope"})
    assert bad.status_code == 400 and "not valid JSON" in bad.content.decode()


def test_home_page_offers_the_open_student_survey(client):
    assert 'id="home-survey-title"' not in client.get("/").content.decode()
    make_survey(audience="students", translations={"fr": {"title": "Enquête test"}})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Enquête test" in html and 'href="/surveys/test-survey/"' in html


def test_builder_moves_questions_and_sections_but_keeps_conditions_looking_back(client, survey_manager):
    survey = make_survey()
    client.force_login(survey_manager)
    months = Question.objects.get(survey=survey, code="months")
    client.post(f"/manage/surveys/test-survey/move/question/{months.pk}/", {"direction": "up"})
    order = list(
        Question.objects.filter(survey=survey, section=months.section, parent=None)
        .order_by("order")
        .values_list("code", flat=True)
    )
    assert order[:2] == ["went", "months"]  # refused: months depends on went
    why = Question.objects.get(survey=survey, code="why")
    client.post(f"/manage/surveys/test-survey/move/question/{why.pk}/", {"direction": "up"})
    order = list(
        Question.objects.filter(survey=survey, section=months.section, parent=None)
        .order_by("order")
        .values_list("code", flat=True)
    )
    assert order == ["went", "why", "months", "support"]
    last = survey.sections.order_by("order").last()
    client.post(f"/manage/surveys/test-survey/move/section/{last.pk}/", {"direction": "up"})
    assert list(survey.sections.order_by("order").values_list("title", flat=True)) == ["First", "Personal", "Second"]
    other = make_survey(slug="other")
    foreign = Question.objects.get(survey=other, code="why")
    assert (
        client.post(f"/manage/surveys/test-survey/move/question/{foreign.pk}/", {"direction": "up"}).status_code == 404
    )


def test_nav_dashboard_and_manage_links(client, user, survey_manager):
    assert '<a href="/surveys/">Surveys</a>' in client.get("/").content.decode()
    client.force_login(user)
    assert 'href="/me/surveys/"' in client.get("/me/").content.decode()
    client.force_login(survey_manager)
    assert 'href="/manage/surveys/"' in client.get("/manage/").content.decode()
