"""Issue 15's impact items: the close confirmation, Finish on the last page, the action plan."""

import pytest

from accounts.tests.factories import UserFactory
from impact import services
from impact.enums import Audience
from impact.models import Assessment, Indicator

from .factories import assessment_with_respondents, framework_make, organisation_with_admin, rate_all

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
