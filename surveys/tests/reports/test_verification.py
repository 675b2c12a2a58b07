"""No padding (issue 11): a response counts for an institution only when its tie to it is verified;
public posting has a honeypot and a per-survey rate limit; refused report requests store nothing."""

import pytest

from accounts.tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from surveys.models import Invitation, Participation, Response
from surveys.reports.models import ReportJob
from surveys.services import invitations_add_organisation, response_create

from .test_attacks import K, cells, officer_of, padding_survey, populate, post_answer, results

pytestmark = pytest.mark.django_db

ANSWERS = {"went": "no", "support_a": "yes", "income": "low"}


@pytest.fixture
def uni(db):
    return InstitutionFactory(slug="verified-uni")


def test_a_verified_member_counts_for_the_institution_and_a_stranger_does_not(uni):
    survey = padding_survey()
    member = UserFactory()
    MembershipFactory(user=member, organisation=uni)
    unverified_member = UserFactory(verified=False)
    MembershipFactory(user=unverified_member, organisation=uni)
    stranger = UserFactory()
    for user in (member, unverified_member, stranger):
        response_create(survey=survey, answers={**ANSWERS, "uni": uni.slug}, consent=True, user=user)
    assert sorted(Response.objects.filter(survey=survey).values_list("institution_verified", flat=True)) == [
        False,
        False,
        True,
    ]
    # the survey is anonymous: who took part stays apart from what was answered
    assert Response.objects.filter(survey=survey, respondent__isnull=False).count() == 0
    assert Participation.objects.filter(survey=survey).count() == 3


def test_an_invitation_the_institution_issued_verifies_the_response(uni, django_capture_on_commit_callbacks):
    survey = padding_survey()
    student = UserFactory(verified=False)
    MembershipFactory(user=student, organisation=uni)
    with django_capture_on_commit_callbacks(execute=True):
        (invitation,) = invitations_add_organisation(survey=survey, organisation=uni)
    invitation = Invitation.objects.get(pk=invitation.pk)
    assert invitation.organisation == uni
    # no institution question answered: the invitation's institution is the response's
    response = response_create(survey=survey, answers=ANSWERS, consent=True, invitation=invitation)
    assert (response.institution, response.institution_verified) == (uni, True)
    assert response.invitation is None  # anonymous survey: the response does not point at the invitation


def test_unverified_responses_count_survey_wide_and_a_manager_can_leave_them_out(uni, survey_manager, api_client):
    survey = padding_survey()
    populate(survey, uni, common=20, rare=0, seed=1)
    for _ in range(3):
        assert post_answer(api_client, survey, uni).status_code == 201
    api_client.force_authenticate(survey_manager)
    everything = results(api_client, survey).json()
    assert everything["responses"] == 23
    verified = results(api_client, survey, verified_only="1").json()
    assert verified["responses"] == 20
    assert verified["filters"] == {"verified_only": True}


def test_manager_page_says_how_many_responses_are_unverified(uni, survey_manager, client):
    survey = padding_survey()
    populate(survey, uni, common=12, rare=0, seed=1)
    from .helpers import add_response

    add_response(survey, institution=uni, verified=False, went="no")
    client.force_login(survey_manager)
    page = client.get(f"/manage/surveys/{survey.slug}/results/")
    assert page.status_code == 200
    assert "1 of them named an institution without a verified tie to it" in page.content.decode()


def test_honeypot_refuses_the_post_and_stores_nothing(uni, api_client):
    survey = padding_survey()
    answer = post_answer(api_client, survey, uni, website="http://spam.example")
    assert answer.status_code == 400
    assert "website" in answer.json()["errors"]
    assert not Response.objects.filter(survey=survey).exists()


def test_anonymous_posting_is_rate_limited_per_survey(uni, api_client, settings):
    settings.SURVEY_ANSWER_RATE = "3/hour"
    survey = padding_survey()
    codes = [post_answer(api_client, survey, uni).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    assert Response.objects.filter(survey=survey).count() == 3


# --- bad input ------------------------------------------------------------------------------------


def test_iro_filters_outside_the_allowed_set_answer_400_naming_the_filter(uni, api_client):
    survey = padding_survey()
    populate(survey, uni, common=20, rare=2, seed=3)
    api_client.force_authenticate(officer_of(uni))
    for params, name in (
        ({"date_from": "2020-01-01"}, "date_from"),
        ({"date_to": "2030-01-01"}, "date_to"),
        ({"period": "2025"}, "period"),
        ({"answer": "income:high"}, "answer"),  # differs from the whole by the 2 others
        ({"answer": "income"}, "answer"),
        ({"answer": "income:rich"}, "filters"),
    ):
        answer = results(api_client, survey, **params)
        assert answer.status_code == 400, params
        assert name in answer.json()["errors"], (params, answer.json())
    low = results(api_client, survey, answer="income:low")  # 2 people: too few to show, not refused
    assert low.status_code == 200 and low.json()["too_few"] and low.json()["questions"] == []


def test_iro_page_gives_a_form_error_and_no_figures(uni, client):
    survey = padding_survey()
    populate(survey, uni, common=20, rare=2, seed=3)
    client.force_login(officer_of(uni))
    page = client.get(f"/iro/surveys/{survey.slug}/", {"institution": uni.slug, "date_to": "2030-01-01"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "whole academic years" in html
    assert 'id="refused"' in html and 'id="response-count"' not in html
    page = client.get(f"/iro/surveys/{survey.slug}/", {"institution": uni.slug, "answer": "income:high"})
    assert page.status_code == 400
    assert "leaves out fewer than" in page.content.decode()


def test_refused_report_request_stores_nothing(uni, api_client):
    survey = padding_survey()
    populate(survey, uni, common=20, rare=2, seed=3)
    api_client.force_authenticate(officer_of(uni))
    before = (ReportJob.objects.count(), Response.objects.count())
    for filters in ({"date_to": "2030-01-01"}, {"choices": {"income": "high"}}):
        answer = api_client.post(
            f"/api/v1/surveys/{survey.slug}/reports/", {"format": "pdf", "filters": filters}, format="json"
        )
        assert answer.status_code == 400, answer.json()
    assert (ReportJob.objects.count(), Response.objects.count()) == before


def test_protected_totals_are_perturbed_not_exact_and_k_is_kept(uni, api_client):
    survey = padding_survey()
    populate(survey, uni, common=30, rare=0, seed=9)
    api_client.force_authenticate(officer_of(uni))
    body = results(api_client, survey).json()
    assert body["k"] == K
    from surveys import disclosure

    assert body["responses"] in disclosure.published_values(30, K)
    assert all(v is None or v >= K for v in cells(body).values())
    assert "noise" in body["method_note"]


def _anonymous_draft(client):
    from surveys.tests.factories import make_survey

    make_survey(anonymous=True)
    client.post("/surveys/test-survey/start/")
    client.post("/surveys/test-survey/page/0/", {"went": "no", "support_a": "yes", "action": "next"})
    client.post("/surveys/test-survey/page/1/", {"score": "7", "action": "next"})


def test_page_honeypot_refuses_the_submission(client):
    _anonymous_draft(client)
    page = client.post("/surveys/test-survey/review/", {"website": "http://spam.example"})
    assert page.status_code == 400
    assert "This form could not be sent." in page.content.decode()
    assert 'name="website"' in page.content.decode()
    assert not Response.objects.filter(status="submitted").exists()


def test_page_submissions_are_rate_limited_per_survey(client, settings):
    settings.SURVEY_ANSWER_RATE = "1/hour"
    _anonymous_draft(client)
    assert client.post("/surveys/test-survey/review/")["Location"] == "/surveys/test-survey/thanks/"
    client.cookies.clear()  # a new visitor from the same address
    client.post("/surveys/test-survey/start/")
    client.post("/surveys/test-survey/page/0/", {"went": "no", "support_a": "yes", "action": "next"})
    refused = client.post("/surveys/test-survey/review/")
    assert refused.status_code == 429
    assert Response.objects.filter(status="submitted").count() == 1


def test_iro_index_gives_the_same_protected_total_as_the_results(uni, client, api_client):
    """The index's count of responses is a figure too: protected, verified only, the results' own."""
    survey = padding_survey()
    populate(survey, uni, common=30, rare=0, seed=4)
    from .helpers import add_response

    add_response(survey, institution=uni, verified=False, went="no")
    officer = officer_of(uni)
    api_client.force_authenticate(officer)
    total = results(api_client, survey).json()["responses"]
    client.force_login(officer)
    page = client.get("/iro/", {"institution": uni.slug})
    assert page.status_code == 200
    cell = page.content.decode().split(survey.title)[1].split("</tr>")[0]
    assert f"<td>{total}</td>" in cell


def test_academic_years_are_the_periods_and_one_leaving_out_nobody_gives_the_same_figures(uni, client, api_client):
    import datetime

    from django.utils import timezone

    from surveys.reports.aggregation import academic_year, period_range

    assert academic_year(datetime.date(2026, 8, 31)) == "2025-26"
    assert academic_year(datetime.date(2026, 9, 1)) == "2026-27"
    assert period_range("2025-26") == (datetime.date(2025, 9, 1), datetime.date(2026, 9, 1))
    assert period_range("2025-27") is None and period_range("25-26") is None
    survey = padding_survey()
    populate(survey, uni, common=20, rare=0, seed=5)
    officer = officer_of(uni)
    this_year = academic_year(timezone.localdate())
    api_client.force_authenticate(officer)
    whole = results(api_client, survey).json()
    same = results(api_client, survey, period=this_year).json()
    assert cells(same) == cells(whole)  # the same records, hence the same keys and figures
    assert same["filters"] == {"period": this_year}
    client.force_login(officer)
    page = client.get(f"/iro/surveys/{survey.slug}/", {"institution": uni.slug})
    html = page.content.decode()
    assert f'<option value="{this_year}">' in html and 'type="date"' not in html
