import pytest

from accounts.tests.factories import UserFactory
from impact import services
from impact.enums import Audience
from impact.models import Assessment, Framework, Indicator, Rating

from .factories import (
    assessment_with_respondents,
    closed_assessment,
    framework_make,
    member_of,
    organisation_with_admin,
    rate_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return framework_make()


def test_index_lists_my_assessments_for_anonymous_and_members(client, framework):
    assert client.get("/impact/").status_code == 200
    assessment = closed_assessment(framework=framework)
    client.force_login(assessment.created_by)
    response = client.get("/impact/")
    assert response.status_code == 200
    assert assessment.title in response.content.decode()
    assert "Start an organisation assessment" in response.content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_index_query_count_does_not_grow(client, framework, count, django_assert_max_num_queries):
    organisation, admin = organisation_with_admin()
    for _ in range(count):
        closed_assessment(framework=framework, organisation=organisation)
    client.force_login(admin)
    with django_assert_max_num_queries(14):
        assert client.get("/impact/").status_code == 200


def test_admin_starts_an_assessment_through_the_form(client, framework):
    organisation, admin = organisation_with_admin()
    client.force_login(admin)
    response = client.post(
        "/impact/assessments/new/",
        {
            "organisation": organisation.pk,
            "framework": framework.pk,
            "title": "Spring 2026",
            "project_number": "2026-1-BE05-KA152-YOU-000000001",
            "participants": "30",
            "fewer_opportunities_share": "40",
        },
    )
    assessment = Assessment.objects.get()
    assert response.url == f"/impact/assessments/{assessment.pk}/"
    assert (assessment.title, assessment.participants, assessment.fewer_opportunities_share) == ("Spring 2026", 30, 40)


def test_a_member_who_is_not_admin_cannot_start(client, framework):
    organisation, _ = organisation_with_admin()
    client.force_login(member_of(organisation))
    assert client.get("/impact/assessments/new/").status_code == 403


def test_bad_start_form_shows_errors_and_saves_nothing(client, framework):
    organisation, admin = organisation_with_admin()
    client.force_login(admin)
    response = client.post(
        "/impact/assessments/new/",
        {"organisation": organisation.pk, "framework": framework.pk, "title": "x", "fewer_opportunities_share": "140"},
    )
    assert response.status_code == 400
    assert "Please correct the following" in response.content.decode()
    assert Assessment.objects.count() == 0


def test_another_organisations_assessment_is_a_404_on_every_page(client, framework):
    assessment = closed_assessment(framework=framework)
    _, stranger = organisation_with_admin()
    client.force_login(stranger)
    pk = assessment.pk
    for url in (
        f"/impact/assessments/{pk}/",
        f"/impact/assessments/{pk}/rate/",
        f"/impact/assessments/{pk}/actions/new/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/impact/assessments/{pk}/close/",
        f"/impact/assessments/{pk}/share/",
        f"/impact/assessments/{pk}/report/",
        f"/impact/assessments/{pk}/invite/",
    ):
        assert client.post(url).status_code == 404, url
    client.logout()
    assert client.get(f"/impact/assessments/{pk}/").status_code == 302


def test_respondents_see_only_their_own_ratings_until_close(client, framework):
    organisation, admin = organisation_with_admin()
    assessment, (_, other) = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=1
    )
    rate_all(assessment, admin, 5)
    client.force_login(other)
    page = client.get(f"/impact/assessments/{assessment.pk}/").content.decode()
    # progress is shown, scores are not
    assert "1 of 2 respondents have answered." in page
    assert "You have rated 0 of 4 statements." in page
    assert "Results" not in page.split("<main")[1]
    assert "5.00" not in page
    rate_page = client.get(f"/impact/assessments/{assessment.pk}/rate/").content.decode()
    assert " checked" not in rate_page
    client.force_login(admin)
    rate_page = client.get(f"/impact/assessments/{assessment.pk}/rate/").content.decode()
    assert rate_page.count(" checked") == 2


def test_rating_form_saves_as_you_go_and_htmx_answers_with_a_status(client, framework):
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    first, second = Indicator.objects.filter(framework=framework)[:2]
    client.force_login(admin)
    response = client.post(
        f"/impact/assessments/{assessment.pk}/rate/?step=1", {f"i{first.pk}": "3", f"i{second.pk}": "na", "next": "1"}
    )
    assert response.url == f"/impact/assessments/{assessment.pk}/rate/?step=2"
    assert dict(Rating.objects.values_list("indicator_id", "score")) == {first.pk: 3, second.pk: None}
    response = client.post(
        f"/impact/assessments/{assessment.pk}/rate/?step=1", {f"i{first.pk}": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.content.decode().startswith("Saved at")
    assert Rating.objects.get(indicator=first).score == 1
    response = client.post(f"/impact/assessments/{assessment.pk}/rate/?step=1", {f"i{first.pk}": "9"})
    assert response.status_code == 400
    assert Rating.objects.get(indicator=first).score == 1


def test_admin_invites_and_closes_from_the_page(client):
    framework = framework_make(dimensions=3)
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    member = member_of(organisation)
    client.force_login(admin)
    client.post(f"/impact/assessments/{assessment.pk}/invite/", {"user": member.pk, "role": "participant"})
    assert assessment.respondents.get(user=member).role == "participant"
    rate_all(assessment, admin, 2)
    client.post(f"/impact/assessments/{assessment.pk}/close/", {"confirm": "1"})
    page = client.get(f"/impact/assessments/{assessment.pk}/").content.decode()
    assert "Results: Assessment" in page
    assert 'class="chart chart-radar"' in page
    assert "/library/inclusive-communication-manual/" in page


def test_a_respondent_cannot_close(client, framework):
    organisation, admin = organisation_with_admin()
    assessment, (_, other) = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=1
    )
    rate_all(assessment, other, 2)
    client.force_login(other)
    assert client.post(f"/impact/assessments/{assessment.pk}/close/", {"confirm": "1"}).status_code == 403
    assert Assessment.objects.get().status == "open"


def test_share_link_is_read_only_and_revocable(client, framework):
    assessment = closed_assessment(framework=framework, score=2)
    client.force_login(assessment.created_by)
    client.post(f"/impact/assessments/{assessment.pk}/share/")
    token = Assessment.objects.get().share_token
    assert len(token) > 20
    client.logout()
    response = client.get(f"/impact/shared/{token}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "A read-only copy of these results" in page
    assert '<form method="post"' not in page.split("<main")[1].split("</main>")[0]
    assert client.post(f"/impact/shared/{token}/").status_code == 405
    client.force_login(assessment.created_by)
    client.post(f"/impact/assessments/{assessment.pk}/share/revoke/")
    client.logout()
    assert client.get(f"/impact/shared/{token}/").status_code == 404


@pytest.mark.parametrize("respondents", [5, 50])
def test_results_page_query_count_does_not_grow_with_respondents(
    client, framework, respondents, django_assert_max_num_queries
):
    organisation, admin = organisation_with_admin()
    assessment, users = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=respondents - 1
    )
    for n, user in enumerate(users):
        rate_all(assessment, user, n % 6)
    services.assessment_close(assessment=assessment, by=admin)
    client.force_login(admin)
    with django_assert_max_num_queries(16):
        response = client.get(f"/impact/assessments/{assessment.pk}/")
    assert response.status_code == 200
    assert f"Based on the answers of {respondents} respondents." in response.content.decode()


def test_action_plan_is_edited_by_the_admin_only(client, framework):
    assessment = closed_assessment(framework=framework, score=1)
    indicator = Indicator.objects.filter(framework=framework).first()
    member = member_of(assessment.organisation)
    assessment.respondents.create(user=member)
    client.force_login(member)
    assert client.get(f"/impact/assessments/{assessment.pk}/actions/new/").status_code == 403
    client.force_login(assessment.created_by)
    response = client.post(
        f"/impact/assessments/{assessment.pk}/actions/new/",
        {
            "indicator": indicator.pk,
            "priority": "high",
            "target_level": "4",
            "actions": "Rewrite the call",
            "owner": "Comms",
            "due_date": "2027-01-31",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/impact/assessments/{assessment.pk}/").content.decode()
    assert "Rewrite the call" in page
    item = assessment.actions.get()
    client.post(f"/impact/assessments/{assessment.pk}/actions/{item.pk}/delete/")
    assert assessment.actions.count() == 0


def test_report_download_only_for_people_who_see_the_assessment(client, framework, django_capture_on_commit_callbacks):
    assessment = closed_assessment(framework=framework, score=3)
    client.force_login(assessment.created_by)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/impact/assessments/{assessment.pk}/report/")
    report = assessment.reports.get()
    url = f"/impact/assessments/{assessment.pk}/report/{report.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    _, stranger = organisation_with_admin()
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_student_runs_before_and_after_and_sees_the_change(client):
    framework = framework_make(audience=Audience.STUDENT)
    student = UserFactory()
    client.force_login(student)
    for phase, score in (("before", "1"), ("after", "3")):
        response = client.post("/impact/assessments/personal/new/", {"framework": framework.pk, "phase": phase})
        assessment = Assessment.objects.get(phase=phase)
        assert response.url == f"/impact/assessments/{assessment.pk}/rate/"
        for step in (1, 2):
            ids = Indicator.objects.filter(framework=framework, dimension__order=step - 1).values_list("pk", flat=True)
            client.post(f"/impact/assessments/{assessment.pk}/rate/?step={step}", {f"i{pk}": score for pk in ids})
        client.post(f"/impact/assessments/{assessment.pk}/close/", {"confirm": "1"})
    page = client.get(f"/impact/assessments/{assessment.pk}/").content.decode()
    assert "Before mobility" in page
    assert "+2.00" in page
    client.force_login(UserFactory())
    assert client.get(f"/impact/assessments/{assessment.pk}/").status_code == 404


def test_manage_pages_are_for_survey_managers(client, survey_manager, user, framework):
    client.force_login(user)
    assert client.get("/manage/impact/").status_code == 403
    client.force_login(survey_manager)
    assert framework.title in client.get("/manage/impact/").content.decode()
    assert "Statement 0.0" in client.get(f"/manage/impact/frameworks/{framework.pk}/").content.decode()
    client.post(f"/manage/impact/frameworks/{framework.pk}/new-version/")
    copy = Framework.objects.get(slug=framework.slug, version=2)
    assert (copy.is_published, copy.indicators.count()) == (False, 4)
    client.post(f"/manage/impact/frameworks/{copy.pk}/publish/", {"publish": "1"})
    copy.refresh_from_db()
    assert copy.is_published is True


def test_survey_manager_edits_an_unpublished_version_only(client, survey_manager, framework):
    client.force_login(survey_manager)
    indicator = framework.indicators.first()
    data = {"statement": "Changed", "allow_not_applicable": "on", "weight": "2"} | {
        f"level_{n}": f"L{n}" for n in range(6)
    }
    response = client.post(f"/manage/impact/indicators/{indicator.pk}/", data)
    assert response.status_code == 409
    assert "make a new version" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.statement == "Statement 0.0"

    client.post(f"/manage/impact/frameworks/{framework.pk}/new-version/")
    copy = Framework.objects.get(slug=framework.slug, version=2)
    draft = copy.indicators.get(code=indicator.code)
    client.post(f"/manage/impact/indicators/{draft.pk}/", data)
    draft.refresh_from_db()
    assert (draft.statement, draft.levels, draft.weight) == ("Changed", [f"L{n}" for n in range(6)], 2)
    rec = draft.recommendations.get()
    response = client.post(
        f"/manage/impact/recommendations/{rec.pk}/",
        {"min_score": "0", "max_score": "1.5", "text": "New advice", "links_text": "Manual | https://evil.example/"},
    )
    assert response.status_code == 400
    client.post(
        f"/manage/impact/recommendations/{rec.pk}/",
        {"min_score": "0", "max_score": "1.5", "text": "New advice", "links_text": "Manual | /library/x/"},
    )
    rec.refresh_from_db()
    assert (rec.text, rec.links) == ("New advice", [{"title": "Manual", "url": "/library/x/"}])
    client.post(f"/manage/impact/frameworks/{copy.pk}/publish/", {"publish": "1"})
    assert list(Framework.objects.filter(is_published=True).values_list("version", flat=True)) == [2]
    client.force_login(UserFactory())
    assert client.get(f"/manage/impact/indicators/{draft.pk}/").status_code == 403


def test_home_page_block_appears_once_an_assessment_is_closed(client, framework):
    assert "Impact self-assessment" not in client.get("/").content.decode()
    closed_assessment(framework=framework)
    page = client.get("/").content.decode()
    assert "1 organisation has assessed how inclusive its mobility work is." in page
