"""Survey managers build and change frameworks at /manage/impact/ (unpublished versions only)."""

import pytest

from accounts.tests.factories import UserFactory
from impact import services
from impact.enums import Audience
from impact.models import Dimension, Framework, Indicator, Recommendation
from siem_portal.exceptions import ApplicationError, ConflictError

from .factories import assessment_with_respondents, framework_make, organisation_with_admin

pytestmark = pytest.mark.django_db

LEVELS = {f"level_{n}": f"Level text {n}" for n in range(6)}


@pytest.fixture
def draft():
    """An unpublished framework: two dimensions (D0, D1) of two statements each."""
    return framework_make(published=False)


def snapshot():
    """Everything a survey manager can change, to prove that a refused request changed nothing."""
    return (
        list(Framework.objects.order_by("pk").values_list("pk", "title", "description", "is_published")),
        list(Dimension.objects.order_by("pk").values_list("pk", "title", "short_title", "description", "order")),
        list(
            Indicator.objects.order_by("pk").values_list(
                "pk", "dimension_id", "statement", "levels", "allow_not_applicable", "weight", "order"
            )
        ),
        list(Recommendation.objects.order_by("pk").values_list("pk", "min_score", "max_score", "text", "links")),
    )


def order_of(dimension):
    return list(dimension.indicators.order_by("order").values_list("statement", flat=True))


# --- services ------------------------------------------------------------------------------------


def test_framework_create_makes_an_empty_unpublished_version_1():
    framework = services.framework_create(title="Volunteer check", audience=Audience.STUDENT)
    assert (framework.slug, framework.version, framework.is_published) == ("volunteer-check", 1, False)
    with pytest.raises(ConflictError):
        services.framework_create(title="Volunteer check", audience=Audience.ORGANISATION)
    with pytest.raises(ApplicationError) as exc:
        services.framework_create(title="Other", audience="martians")
    assert exc.value.field == "audience"
    assert Framework.objects.count() == 1


def test_dimensions_and_statements_are_added_at_the_end_with_unique_codes(draft):
    first = services.dimension_save(framework=draft, title="Dimension 0", short_title="Again")
    assert (first.order, first.code) == (2, "dimension-0")
    second = services.dimension_save(framework=draft, title="Dimension 0", short_title="Again")
    assert second.code == "dimension-0-2"
    indicator = services.indicator_create(
        dimension=first, statement="We listen.", levels=list(LEVELS.values()), allow_not_applicable=False, weight=2
    )
    assert (indicator.framework_id, indicator.order, indicator.code, indicator.weight) == (
        draft.pk,
        0,
        "dimension-0-1",
        2,
    )


def test_a_statement_without_six_level_descriptions_is_refused_and_nothing_is_saved(draft):
    dimension = draft.dimensions.first()
    with pytest.raises(ApplicationError) as exc:
        services.indicator_create(
            dimension=dimension, statement="Half", levels=["a", "b"], allow_not_applicable=True, weight=1
        )
    assert exc.value.field == "levels"
    assert dimension.indicators.count() == 2


def test_moving_swaps_neighbours_and_stops_at_the_edges(draft):
    d0, d1 = draft.dimensions.order_by("order")
    services.dimension_move(dimension=d1, direction="up")
    assert list(draft.dimensions.order_by("order").values_list("title", flat=True)) == ["Dimension 1", "Dimension 0"]
    with pytest.raises(ConflictError):
        services.dimension_move(dimension=d1, direction="up")
    with pytest.raises(ApplicationError):
        services.dimension_move(dimension=d1, direction="sideways")
    first, second = d0.indicators.order_by("order")
    services.indicator_move(indicator=first, direction="down")
    assert order_of(d0) == ["Statement 0.1", "Statement 0.0"]
    with pytest.raises(ConflictError):
        services.indicator_move(indicator=first, direction="down")


def test_removing_a_dimension_removes_its_statements_and_renumbers(draft):
    d0, d1 = draft.dimensions.order_by("order")
    services.dimension_delete(dimension=d0)
    assert list(draft.dimensions.values_list("title", "order")) == [("Dimension 1", 0)]
    assert Indicator.objects.filter(framework=draft).count() == 2
    assert Recommendation.objects.filter(indicator__framework=draft).count() == 2
    first = d1.indicators.order_by("order").first()
    services.indicator_delete(indicator=first)
    assert list(d1.indicators.values_list("statement", "order")) == [("Statement 1.1", 0)]


@pytest.mark.parametrize("state", ["published", "assessed"])
def test_every_change_is_refused_on_a_published_or_assessed_version(state):
    framework = framework_make()
    if state == "assessed":
        organisation, admin = organisation_with_admin()
        assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
        services.framework_set_published(framework=framework, published=False)
    dimension = framework.dimensions.first()
    indicator = dimension.indicators.first()
    recommendation = indicator.recommendations.first()
    before = snapshot()
    levels = list(LEVELS.values())
    changes = [
        lambda: services.framework_update(framework=framework, title="New", description=""),
        lambda: services.dimension_save(framework=framework, title="New", short_title="N"),
        lambda: services.dimension_save(framework=framework, dimension=dimension, title="New", short_title="N"),
        lambda: services.dimension_delete(dimension=dimension),
        lambda: services.dimension_move(dimension=dimension, direction="down"),
        lambda: services.indicator_create(
            dimension=dimension, statement="New", levels=levels, allow_not_applicable=True, weight=1
        ),
        lambda: services.indicator_delete(indicator=indicator),
        lambda: services.indicator_move(indicator=indicator, direction="down"),
        lambda: services.recommendation_create(indicator=indicator, min_score=0, max_score=1, text="New", links=[]),
        lambda: services.recommendation_delete(recommendation=recommendation),
    ]
    for change in changes:
        with pytest.raises(ConflictError):
            change()
    assert snapshot() == before


def test_a_version_is_published_only_when_each_dimension_has_a_statement():
    framework = services.framework_create(title="Empty", audience=Audience.ORGANISATION)
    with pytest.raises(ApplicationError):
        services.framework_set_published(framework=framework, published=True)
    dimension = services.dimension_save(framework=framework, title="Only", short_title="Only")
    with pytest.raises(ApplicationError, match="Only"):
        services.framework_set_published(framework=framework, published=True)
    services.indicator_create(
        dimension=dimension, statement="S", levels=list(LEVELS.values()), allow_not_applicable=True, weight=1
    )
    services.framework_set_published(framework=framework, published=True)
    framework.refresh_from_db()
    assert framework.is_published is True


# --- pages ---------------------------------------------------------------------------------------


def test_survey_manager_creates_a_framework_from_scratch_and_publishes_it(client, survey_manager):
    client.force_login(survey_manager)
    page = client.get("/manage/impact/")
    assert 'href="/manage/impact/frameworks/new/"' in page.content.decode()
    assert client.get("/manage/impact/frameworks/new/").status_code == 200
    response = client.post(
        "/manage/impact/frameworks/new/",
        {"title": "Student belonging", "audience": "student", "slug": "", "description": "After mobility."},
    )
    framework = Framework.objects.get()
    assert response.url == f"/manage/impact/frameworks/{framework.pk}/"
    assert (framework.slug, framework.audience, framework.version, framework.is_published) == (
        "student-belonging",
        "student",
        1,
        False,
    )
    response = client.post(f"/manage/impact/frameworks/{framework.pk}/publish/", {"publish": "1"}, follow=True)
    assert "Add at least one dimension" in response.content.decode()
    framework.refresh_from_db()
    assert framework.is_published is False

    client.post(
        f"/manage/impact/frameworks/{framework.pk}/dimensions/new/",
        {"title": "Belonging", "short_title": "Belonging", "description": "Feeling at home."},
    )
    dimension = framework.dimensions.get()
    assert (dimension.title, dimension.order) == ("Belonging", 0)
    client.post(
        f"/manage/impact/dimensions/{dimension.pk}/indicators/new/",
        {"statement": "I feel at home here.", "weight": "1.5"} | LEVELS,
    )
    indicator = dimension.indicators.get()
    assert (indicator.statement, indicator.levels, indicator.allow_not_applicable, float(indicator.weight)) == (
        "I feel at home here.",
        list(LEVELS.values()),
        False,
        1.5,
    )
    client.post(
        f"/manage/impact/indicators/{indicator.pk}/recommendations/new/",
        {"min_score": "0", "max_score": "2", "text": "Join a buddy scheme.", "links_text": "Buddies | /library/b/"},
    )
    assert list(indicator.recommendations.values_list("text", "links")) == [
        ("Join a buddy scheme.", [{"title": "Buddies", "url": "/library/b/"}])
    ]
    client.post(f"/manage/impact/frameworks/{framework.pk}/edit/", {"title": "Belonging", "description": "New."})
    client.post(f"/manage/impact/frameworks/{framework.pk}/publish/", {"publish": "1"})
    framework.refresh_from_db()
    assert (framework.title, framework.description, framework.is_published) == ("Belonging", "New.", True)
    # published: the page no longer offers changes
    page = client.get(f"/manage/impact/frameworks/{framework.pk}/").content.decode()
    assert "Add a dimension" not in page
    assert "Make a new version" in page


def test_survey_manager_edits_reorders_and_removes_on_a_draft(client, survey_manager, draft):
    client.force_login(survey_manager)
    d0, d1 = draft.dimensions.order_by("order")
    page = client.get(f"/manage/impact/frameworks/{draft.pk}/").content.decode()
    assert f"/manage/impact/dimensions/{d0.pk}/indicators/new/" in page
    assert client.get(f"/manage/impact/dimensions/{d0.pk}/").status_code == 200
    response = client.post(
        f"/manage/impact/dimensions/{d0.pk}/", {"title": "Reaching out", "short_title": "Reach", "description": ""}
    )
    assert response.status_code == 302
    d0.refresh_from_db()
    assert (d0.title, d0.short_title) == ("Reaching out", "Reach")

    client.post(f"/manage/impact/dimensions/{d0.pk}/move/", {"direction": "down"})
    assert list(draft.dimensions.order_by("order").values_list("pk", flat=True)) == [d1.pk, d0.pk]
    first = d0.indicators.order_by("order").first()
    client.post(f"/manage/impact/indicators/{first.pk}/move/", {"direction": "down"})
    assert order_of(d0) == ["Statement 0.1", "Statement 0.0"]
    response = client.post(f"/manage/impact/indicators/{first.pk}/move/", {"direction": "down"}, follow=True)
    assert "already at the edge" in response.content.decode()

    confirm = client.get(f"/manage/impact/dimensions/{d1.pk}/delete/").content.decode()
    assert "Its 2 statements and their recommendations are removed with it." in confirm
    client.post(f"/manage/impact/dimensions/{d1.pk}/delete/")
    assert list(draft.dimensions.values_list("pk", "order")) == [(d0.pk, 0)]
    assert client.get(f"/manage/impact/indicators/{first.pk}/delete/").status_code == 200
    client.post(f"/manage/impact/indicators/{first.pk}/delete/")
    assert order_of(d0) == ["Statement 0.1"]
    recommendation = Recommendation.objects.get(indicator__framework=draft)
    assert client.get(f"/manage/impact/recommendations/{recommendation.pk}/delete/").status_code == 200
    client.post(f"/manage/impact/recommendations/{recommendation.pk}/delete/")
    assert not Recommendation.objects.filter(indicator__framework=draft).exists()


def test_bad_input_shows_form_errors_and_saves_nothing(client, survey_manager, draft):
    client.force_login(survey_manager)
    dimension = draft.dimensions.first()
    indicator = dimension.indicators.first()
    before = snapshot()
    cases = [
        ("/manage/impact/frameworks/new/", {"title": "", "audience": "aliens"}, "Who answers it?"),
        ("/manage/impact/frameworks/new/", {"title": "X", "audience": "student", "slug": "no spaces"}, "Short name"),
        (f"/manage/impact/frameworks/{draft.pk}/edit/", {"title": ""}, "Title"),
        (f"/manage/impact/frameworks/{draft.pk}/dimensions/new/", {"title": "T", "short_title": ""}, "Short title"),
        (f"/manage/impact/dimensions/{dimension.pk}/", {"title": "", "short_title": "S"}, "Title"),
        (
            f"/manage/impact/dimensions/{dimension.pk}/indicators/new/",
            {"statement": "S", "weight": "-1"} | LEVELS | {"level_3": ""},
            "Level 3",
        ),
        (
            f"/manage/impact/indicators/{indicator.pk}/recommendations/new/",
            {"min_score": "4", "max_score": "2", "text": "T"},
            "The range ends before it starts.",
        ),
        (
            f"/manage/impact/indicators/{indicator.pk}/recommendations/new/",
            {"min_score": "0", "max_score": "9", "text": "T"},
            "To score",
        ),
    ]
    for url, data, expected in cases:
        response = client.post(url, data)
        assert response.status_code == 400, url
        body = response.content.decode()
        summary = body.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
        assert expected in summary, url
    assert snapshot() == before
    assert Framework.objects.count() == 1


def test_a_framework_slug_in_use_is_a_form_error(client, survey_manager, draft):
    client.force_login(survey_manager)
    response = client.post(
        "/manage/impact/frameworks/new/", {"title": "Again", "audience": "student", "slug": draft.slug}
    )
    assert response.status_code == 409
    assert "make a new version of it instead" in response.content.decode()
    assert Framework.objects.count() == 1


def _urls(framework):
    dimension = framework.dimensions.order_by("order").first()
    indicator = dimension.indicators.order_by("order").first()
    recommendation = indicator.recommendations.first()
    return [
        (f"/manage/impact/frameworks/{framework.pk}/edit/", {"title": "Changed", "description": ""}),
        (f"/manage/impact/frameworks/{framework.pk}/dimensions/new/", {"title": "New", "short_title": "New"}),
        (f"/manage/impact/dimensions/{dimension.pk}/", {"title": "Changed", "short_title": "C"}),
        (f"/manage/impact/dimensions/{dimension.pk}/delete/", {}),
        (f"/manage/impact/dimensions/{dimension.pk}/move/", {"direction": "down"}),
        (f"/manage/impact/dimensions/{dimension.pk}/indicators/new/", {"statement": "New", "weight": "1"} | LEVELS),
        (f"/manage/impact/indicators/{indicator.pk}/", {"statement": "Changed", "weight": "1"} | LEVELS),
        (f"/manage/impact/indicators/{indicator.pk}/delete/", {}),
        (f"/manage/impact/indicators/{indicator.pk}/move/", {"direction": "down"}),
        (
            f"/manage/impact/indicators/{indicator.pk}/recommendations/new/",
            {"min_score": "0", "max_score": "1", "text": "New"},
        ),
        (
            f"/manage/impact/recommendations/{recommendation.pk}/",
            {"min_score": "0", "max_score": "1", "text": "Changed"},
        ),
        (f"/manage/impact/recommendations/{recommendation.pk}/delete/", {}),
    ]


@pytest.mark.parametrize("who", ["anonymous", "student", "organisation_admin"])
def test_only_survey_managers_reach_the_management_pages(client, draft, who):
    if who == "student":
        client.force_login(UserFactory())
    elif who == "organisation_admin":
        client.force_login(organisation_with_admin()[1])
    before = snapshot()
    urls = [("/manage/impact/frameworks/new/", {"title": "Mine", "audience": "student"})] + _urls(draft)
    urls.append((f"/manage/impact/frameworks/{draft.pk}/publish/", {"publish": "1"}))
    for url, data in urls:
        for response in (client.get(url), client.post(url, data)):
            if who == "anonymous":
                assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
            else:
                assert response.status_code == 403, url
    assert snapshot() == before


def test_changes_to_a_published_version_are_refused_and_change_nothing(client, survey_manager):
    framework = framework_make(published=True)
    client.force_login(survey_manager)
    before = snapshot()
    for url, data in _urls(framework):
        response = client.get(url)
        if not url.endswith("/move/"):
            assert response.status_code == 302 and response.url == f"/manage/impact/frameworks/{framework.pk}/", url
        response = client.post(url, data, follow=True)
        assert "make a new version" in response.content.decode(), url
        assert response.status_code in (200, 409), url
    assert snapshot() == before


def test_an_unknown_id_is_a_404(client, survey_manager):
    client.force_login(survey_manager)
    for url in (
        "/manage/impact/frameworks/999/edit/",
        "/manage/impact/frameworks/999/dimensions/new/",
        "/manage/impact/dimensions/999/",
        "/manage/impact/dimensions/999/delete/",
        "/manage/impact/indicators/999/delete/",
        "/manage/impact/indicators/999/recommendations/new/",
        "/manage/impact/recommendations/999/delete/",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("dimensions", [1, 5])
def test_framework_page_query_count_does_not_grow(client, survey_manager, dimensions, django_assert_max_num_queries):
    framework = framework_make(published=False, dimensions=dimensions, indicators=3)
    client.force_login(survey_manager)
    with django_assert_max_num_queries(12):
        response = client.get(f"/manage/impact/frameworks/{framework.pk}/")
    assert response.content.decode().count("Edit this statement") == dimensions * 3
