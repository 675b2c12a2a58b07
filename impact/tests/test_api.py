import pytest

from accounts.tests.factories import UserFactory
from impact.models import Assessment, Indicator, Rating

from .factories import assessment_with_respondents, closed_assessment, framework_make, organisation_with_admin, rate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return framework_make()


@pytest.mark.parametrize("count", [1, 5])
def test_frameworks_list_is_public_with_a_flat_query_count(api_client, count, django_assert_max_num_queries):
    for _ in range(count):
        framework_make()
    framework_make(published=False)
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v1/impact/frameworks/")
    assert response.status_code == 200
    assert len(response.json()["results"] if "results" in response.json() else response.json()) == count


def test_framework_detail_has_dimensions_indicators_and_recommendation_links(api_client, framework):
    body = api_client.get(f"/api/v1/impact/frameworks/{framework.pk}/").json()
    assert [d["code"] for d in body["dimensions"]] == ["d0", "d1"]
    indicator = body["dimensions"][0]["indicators"][0]
    assert indicator["levels"] == [f"level {k}" for k in range(6)]
    assert indicator["recommendations"][0]["links"] == [
        {"title": "Inclusive Communication Manual", "url": "/library/inclusive-communication-manual/"}
    ]
    assert api_client.get(f"/api/v1/impact/frameworks/{framework_make(published=False).pk}/").status_code == 404


def test_admin_creates_rates_closes_and_reads_results(api_client, framework):
    organisation, admin = organisation_with_admin()
    api_client.force_authenticate(admin)
    response = api_client.post(
        "/api/v1/impact/assessments/",
        {"framework": framework.pk, "organisation": organisation.pk, "title": "API run"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    results = api_client.get(f"/api/v1/impact/assessments/{pk}/results/").json()
    assert results == {"status": "open", "answered": 0, "respondents": 1, "detail": "0 of 1 respondent has answered."}
    ids = list(Indicator.objects.filter(framework=framework).values_list("pk", flat=True))
    response = api_client.post(
        f"/api/v1/impact/assessments/{pk}/ratings/",
        {"ratings": [{"indicator": i, "score": 4} for i in ids[:-1]] + [{"indicator": ids[-1], "score": None}]},
        format="json",
    )
    assert response.json() == {"saved": 4, "completed": True}
    response = api_client.post(f"/api/v1/impact/assessments/{pk}/close/")
    assert response.status_code == 200
    body = api_client.get(f"/api/v1/impact/assessments/{pk}/results/").json()
    assert body["status"] == "closed"
    assert [(d["code"], d["score"], d["respondents"]) for d in body["dimensions"]] == [("d0", 4.0, 1), ("d1", 4.0, 1)]
    assert body["benchmark_organisations"] is None


def test_a_non_admin_cannot_start_for_the_organisation(api_client, framework):
    organisation, _ = organisation_with_admin()
    api_client.force_authenticate(UserFactory())
    response = api_client.post(
        "/api/v1/impact/assessments/", {"framework": framework.pk, "organisation": organisation.pk}, format="json"
    )
    assert response.status_code == 403
    assert Assessment.objects.count() == 0
    api_client.logout()
    assert api_client.post("/api/v1/impact/assessments/", {"framework": framework.pk}, format="json").status_code in (
        401,
        403,
    )


def test_another_organisations_assessment_is_404_in_the_api(api_client, framework):
    assessment = closed_assessment(framework=framework)
    _, stranger = organisation_with_admin()
    api_client.force_authenticate(stranger)
    for method, url in (
        ("get", f"/api/v1/impact/assessments/{assessment.pk}/"),
        ("get", f"/api/v1/impact/assessments/{assessment.pk}/results/"),
        ("post", f"/api/v1/impact/assessments/{assessment.pk}/close/"),
        ("post", f"/api/v1/impact/assessments/{assessment.pk}/ratings/"),
    ):
        assert getattr(api_client, method)(url, {}, format="json").status_code == 404, url


@pytest.fixture
def open_assessment(framework):
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    return assessment, admin


@pytest.mark.parametrize(
    ("ratings", "field_message"),
    [
        ([{"indicator": "FIRST", "score": 6}], "whole number from 0 to 5"),
        ([{"indicator": "FIRST", "score": 2}, {"indicator": "FOREIGN", "score": 2}], "not part of this assessment"),
        ([{"indicator": "FIRST"}], "needs an indicator and a score"),
        ([], None),
    ],
)
def test_bad_ratings_get_400_and_store_nothing(api_client, open_assessment, ratings, field_message):
    assessment, admin = open_assessment
    first = Indicator.objects.filter(framework=assessment.framework).first().pk
    foreign = Indicator.objects.filter(framework=framework_make()).first().pk
    payload = [{k: {"FIRST": first, "FOREIGN": foreign}.get(v, v) for k, v in r.items()} for r in ratings]
    api_client.force_authenticate(admin)
    response = api_client.post(
        f"/api/v1/impact/assessments/{assessment.pk}/ratings/", {"ratings": payload}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    if field_message:
        assert body["detail"] == "Some ratings are not valid; nothing was saved."
        assert field_message in str(body["errors"])
    assert Rating.objects.count() == 0


def test_not_invited_gets_403_and_closed_gets_409(api_client, open_assessment):
    assessment, admin = open_assessment
    indicator = Indicator.objects.filter(framework=assessment.framework).first().pk
    second_admin = UserFactory()
    assessment.organisation.memberships.create(user=second_admin, role="admin")
    api_client.force_authenticate(second_admin)
    url = f"/api/v1/impact/assessments/{assessment.pk}/ratings/"
    response = api_client.post(url, {"ratings": [{"indicator": indicator, "score": 2}]}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "You are not invited to rate this assessment."
    rate_all(assessment, admin, 3)
    api_client.force_authenticate(admin)
    assert api_client.post(f"/api/v1/impact/assessments/{assessment.pk}/close/").status_code == 200
    response = api_client.post(url, {"ratings": [{"indicator": indicator, "score": 0}]}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "This assessment is closed: its answers can no longer change."
    assert set(Rating.objects.values_list("score", flat=True)) == {3}
    assert api_client.post(f"/api/v1/impact/assessments/{assessment.pk}/close/").status_code == 409


def test_a_respondent_cannot_close_through_the_api(api_client, framework):
    organisation, admin = organisation_with_admin()
    assessment, (_, other) = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=1
    )
    rate_all(assessment, other, 3)
    api_client.force_authenticate(other)
    assert api_client.post(f"/api/v1/impact/assessments/{assessment.pk}/close/").status_code == 403
    body = api_client.get(f"/api/v1/impact/assessments/{assessment.pk}/results/").json()
    assert body["detail"] == "1 of 2 respondents have answered."
    assert "dimensions" not in body


def test_a_client_starts_an_assessment_with_the_slug_me_gives_and_lists_it(api_client, framework):
    organisation, admin = organisation_with_admin()
    api_client.force_authenticate(admin)
    (membership,) = api_client.get("/api/v1/me/").json()["memberships"]
    assert (membership["organisation_id"], membership["organisation_slug"]) == (organisation.pk, organisation.slug)
    response = api_client.post(
        "/api/v1/impact/assessments/",
        {"framework": framework.pk, "organisation": membership["organisation_slug"], "title": "By slug"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["organisation"], response.json()["organisation_slug"]) == (
        organisation.pk,
        organisation.slug,
    )
    by_id = api_client.post(
        "/api/v1/impact/assessments/",
        {"framework": framework.pk, "organisation": membership["organisation_id"], "title": "By id"},
        format="json",
    )
    assert by_id.status_code == 201, by_id.json()
    listed = api_client.get("/api/v1/impact/assessments/")
    assert listed.status_code == 200
    assert [a["title"] for a in listed.json()["results"]] == ["By id", "By slug"]
    assert Assessment.objects.filter(organisation=organisation).count() == 2


@pytest.mark.parametrize("reference", ["no-such-organisation", 999999, 2**70, True, ["x"]])
def test_an_unknown_organisation_reference_is_a_400_on_its_field(api_client, framework, reference):
    _, admin = organisation_with_admin()
    api_client.force_authenticate(admin)
    response = api_client.post(
        "/api/v1/impact/assessments/", {"framework": framework.pk, "organisation": reference}, format="json"
    )
    assert response.status_code == 400
    assert "organisation" in response.json()["errors"]
    assert Assessment.objects.count() == 0


def test_the_assessment_list_shows_only_the_callers_own(api_client, framework, django_assert_max_num_queries):
    mine = closed_assessment(framework=framework)
    admin = mine.organisation.memberships.get(role="admin").user
    other = closed_assessment(framework=framework)
    api_client.force_authenticate(UserFactory())
    assert api_client.get("/api/v1/impact/assessments/").json()["results"] == []
    api_client.force_authenticate(admin)
    with django_assert_max_num_queries(6):
        body = api_client.get("/api/v1/impact/assessments/").json()
    assert [a["id"] for a in body["results"]] == [mine.pk]
    assert other.pk != mine.pk
    api_client.logout()
    assert api_client.get("/api/v1/impact/assessments/").status_code in (401, 403)


def test_a_students_personal_assessment_is_listed_with_no_organisation(api_client):
    from impact.enums import Audience

    student = UserFactory()
    api_client.force_authenticate(student)
    framework = framework_make(audience=Audience.STUDENT)
    created = api_client.post(
        "/api/v1/impact/assessments/", {"framework": framework.pk, "phase": "before"}, format="json"
    )
    assert created.status_code == 201, created.json()
    (listed,) = api_client.get("/api/v1/impact/assessments/").json()["results"]
    assert (listed["id"], listed["organisation"], listed["organisation_slug"]) == (created.json()["id"], None, None)
