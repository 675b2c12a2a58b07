"""Issue 15's impact items: the close confirmation, Finish on the last page, the action plan."""

import pytest

from accounts.tests.factories import UserFactory
from impact import services
from impact.enums import Audience
from impact.models import ActionItem, Assessment, Indicator

from .factories import (
    assessment_with_respondents,
    closed_assessment,
    framework_make,
    organisation_with_admin,
    rate_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return framework_make()


@pytest.fixture
def open_assessment(framework):
    """An open assessment with the admin and six invited members; the admin and three members
    rated every statement, one member rated only one."""
    organisation, admin = organisation_with_admin()
    assessment, users = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=6
    )
    for user in users[:4]:
        rate_all(assessment, user, 2)
    first = Indicator.objects.filter(framework=framework).first()
    services.ratings_save(assessment=assessment, user=users[4], ratings=[{"indicator": first.pk, "score": 1}])
    return assessment, admin


def test_close_asks_for_confirmation_with_the_counts(client, open_assessment):
    assessment, admin = open_assessment
    client.force_login(admin)
    page = client.get(f"/impact/assessments/{assessment.pk}/").content.decode()
    assert f'href="/impact/assessments/{assessment.pk}/close/"' in page
    response = client.get(f"/impact/assessments/{assessment.pk}/close/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "4 of 7 invited people have answered." in text
    assert "nobody can change their ratings" in text
    assert 'name="confirm" value="1"' in text
    assert Assessment.objects.get().status == "open"


def test_close_happens_only_after_the_confirmation_post(client, open_assessment):
    assessment, admin = open_assessment
    client.force_login(admin)
    response = client.post(f"/impact/assessments/{assessment.pk}/close/")
    assert response.status_code == 200
    assert "4 of 7 invited people have answered." in response.content.decode()
    assert Assessment.objects.get().status == "open"

    response = client.post(f"/impact/assessments/{assessment.pk}/close/", {"confirm": "1"})
    assert response.url == f"/impact/assessments/{assessment.pk}/"
    assert Assessment.objects.get().status == "closed"
    # once closed, the confirmation page sends back to the results
    assert client.get(f"/impact/assessments/{assessment.pk}/close/").url == f"/impact/assessments/{assessment.pk}/"


def test_a_respondent_sees_no_confirmation_page(client, open_assessment):
    assessment, _admin = open_assessment
    respondent = assessment.respondents.exclude(user=assessment.created_by).first().user
    client.force_login(respondent)
    assert client.get(f"/impact/assessments/{assessment.pk}/close/").status_code == 403
    assert client.post(f"/impact/assessments/{assessment.pk}/close/", {"confirm": "1"}).status_code == 403
    client.force_login(UserFactory())
    assert client.get(f"/impact/assessments/{assessment.pk}/close/").status_code == 404
    assert Assessment.objects.get().status == "open"


def test_a_student_confirms_with_the_count_of_own_ratings(client):
    framework = framework_make(audience=Audience.STUDENT)
    student = UserFactory()
    assessment = services.assessment_start(user=student, framework=framework, phase="before")
    first = Indicator.objects.filter(framework=framework).first()
    services.ratings_save(assessment=assessment, user=student, ratings=[{"indicator": first.pk, "score": 3}])
    client.force_login(student)
    text = client.get(f"/impact/assessments/{assessment.pk}/close/").content.decode()
    assert "You have rated 1 of 4 statements." in text
    assert "you cannot change your ratings" in text


def test_the_last_dimension_page_has_finish_and_leads_to_the_summary(client, open_assessment):
    assessment, admin = open_assessment
    client.force_login(admin)
    first = client.get(f"/impact/assessments/{assessment.pk}/rate/?step=1").content.decode()
    assert "Save and continue" in first
    assert ">Finish</button>" not in first
    last = client.get(f"/impact/assessments/{assessment.pk}/rate/?step=2").content.decode()
    assert ">Finish</button>" in last
    assert "Save and continue" not in last
    # Finish is the first submit button, so Enter in the form means Finish
    assert last.index(">Finish</button>") < last.index("Save and go back")
    ids = Indicator.objects.filter(framework=assessment.framework, dimension__order=1).values_list("pk", flat=True)
    response = client.post(
        f"/impact/assessments/{assessment.pk}/rate/?step=2", {"finish": "1", **{f"i{pk}": "4" for pk in ids}}
    )
    assert response.url == f"/impact/assessments/{assessment.pk}/"
    summary = client.get(response.url).content.decode()
    assert "You have rated 4 of 4 statements." in summary


def test_add_to_my_plan_makes_the_action_with_the_target_one_level_up(client, framework):
    assessment = closed_assessment(framework=framework, score=2, respondents=1)
    admin = assessment.created_by
    client.force_login(admin)
    page = client.get(f"/impact/assessments/{assessment.pk}/").content.decode()
    # on the three priorities and the four recommendations
    assert page.count("Add to my plan") == 3 + 4
    indicator = Indicator.objects.get(framework=framework, code="d1-i0")
    recommendation = indicator.recommendations.get()
    response = client.post(
        f"/impact/assessments/{assessment.pk}/actions/add/",
        {"indicator": indicator.pk, "recommendation": recommendation.pk},
    )
    item = ActionItem.objects.get()
    assert response.url == f"/impact/assessments/{assessment.pk}/actions/{item.pk}/"
    assert (item.indicator, item.target_level, item.priority) == (indicator, 3, "high")
    assert (item.actions, item.owner) == ("Advice for 1.0", str(admin))
    form = client.get(response.url).content.decode()
    assert "The statement was added to your plan." in form
    assert "D1: Statement 1.0 (current level 2)" in form

    # a second press opens the same action
    again = client.post(f"/impact/assessments/{assessment.pk}/actions/add/", {"indicator": indicator.pk})
    assert again.url == response.url
    assert ActionItem.objects.count() == 1
    page = client.get(f"/impact/assessments/{assessment.pk}/").content.decode()
    assert "In your action plan" in page
    # the plan names the statement, never its code
    assert "Edit<span" in page and ": Statement 1.0</span>" in page
    assert "d1-i0" not in page


def test_the_target_is_capped_at_the_top_of_the_scale(framework):
    assessment = closed_assessment(framework=framework, score=5)
    indicator = Indicator.objects.filter(framework=framework).first()
    item, created = services.action_item_add(assessment=assessment, by=assessment.created_by, indicator=indicator)
    assert (created, item.target_level) == (True, 5)


def test_a_new_action_for_a_statement_starts_above_its_level(client, framework):
    assessment = closed_assessment(framework=framework, score=1)
    indicator = Indicator.objects.filter(framework=framework).first()
    client.force_login(assessment.created_by)
    form = client.get(f"/impact/assessments/{assessment.pk}/actions/new/?indicator={indicator.pk}").content.decode()
    assert f'<option value="{indicator.pk}" selected>' in form
    assert '<option value="2" selected>' in form
    # without a statement chosen, no target is pre-chosen (not 0)
    blank = client.get(f"/impact/assessments/{assessment.pk}/actions/new/").content.decode()
    assert '<option value="0" selected>' not in blank


def test_a_target_below_the_current_level_is_refused(client, framework):
    assessment = closed_assessment(framework=framework, score=3)
    indicator = Indicator.objects.filter(framework=framework).first()
    client.force_login(assessment.created_by)
    data = {"indicator": indicator.pk, "priority": "high", "actions": "Train", "owner": "Ana", "status": "planned"}
    response = client.post(f"/impact/assessments/{assessment.pk}/actions/new/", {**data, "target_level": "2"})
    assert response.status_code == 400
    assert "The target level cannot be below this statement&#x27;s current level (3)." in response.content.decode()
    assert ActionItem.objects.count() == 0
    response = client.post(f"/impact/assessments/{assessment.pk}/actions/new/", {**data, "target_level": "3"})
    assert response.status_code == 302
    assert ActionItem.objects.get().target_level == 3


def test_only_the_organisation_admin_adds_to_the_plan(client, framework):
    assessment = closed_assessment(framework=framework, score=2, respondents=1)
    indicator = Indicator.objects.filter(framework=framework).first()
    url = f"/impact/assessments/{assessment.pk}/actions/add/"
    respondent = assessment.respondents.exclude(user=assessment.created_by).get().user
    client.force_login(respondent)
    assert "Add to my plan" not in client.get(f"/impact/assessments/{assessment.pk}/").content.decode()
    assert client.post(url, {"indicator": indicator.pk}).status_code == 403
    client.force_login(UserFactory())
    assert client.post(url, {"indicator": indicator.pk}).status_code == 404
    client.force_login(assessment.created_by)
    assert client.post(url, {"indicator": "x"}).status_code == 404
    assert client.post(url, {"indicator": framework_make().indicators.first().pk}).status_code == 404
    assert client.get(url).status_code == 405
    assert ActionItem.objects.count() == 0
