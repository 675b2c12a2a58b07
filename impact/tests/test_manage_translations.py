"""Survey managers translate a framework, one language at a time, at /manage/impact/."""

import re

import pytest

from accounts.tests.factories import UserFactory
from impact import services
from impact.models import Dimension, Framework, Indicator, Recommendation
from siem_portal.exceptions import ApplicationError

from .factories import closed_assessment, framework_make, organisation_with_admin

pytestmark = pytest.mark.django_db


def _url(framework, language="lv"):
    return f"/manage/impact/frameworks/{framework.pk}/translations/{language}/"


def test_the_manage_page_saves_a_latvian_translation_of_a_published_assessed_version(client, survey_manager):
    framework = framework_make(published=True, dimensions=1, indicators=1)
    closed_assessment(framework=framework)
    indicator = Indicator.objects.get(framework=framework)
    dimension = Dimension.objects.get(framework=framework)
    recommendation = Recommendation.objects.get(indicator=indicator)
    client.force_login(survey_manager)

    detail = client.get(f"/manage/impact/frameworks/{framework.pk}/").content.decode()
    assert _url(framework) in detail
    assert "12 texts missing" in detail  # title, dimension title and short title, statement, 6 levels, advice, link

    page = client.get(_url(framework))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<span lang="en">{indicator.statement}</span>' in html
    assert f'name="indicator-{indicator.pk}-statement"' in html
    assert 'lang="lv"' in html

    data = {
        f"framework-{framework.pk}-title": "Ietvars",
        f"dimension-{dimension.pk}-title": "Dimensija nulle",
        f"dimension-{dimension.pk}-short_title": "D nulle",
        f"indicator-{indicator.pk}-statement": "Apgalvojums latviski",
        **{f"indicator-{indicator.pk}-levels-{n}": f"Līmenis {n}" for n in range(6)},
        f"recommendation-{recommendation.pk}-text": "Ieteikums latviski",
        f"recommendation-{recommendation.pk}-link_titles-0": "Iekļaujošas komunikācijas rokasgrāmata",
    }
    response = client.post(_url(framework), data)
    assert response.status_code == 302 and response.url == _url(framework)

    indicator.refresh_from_db()
    assert indicator.translations == {
        "lv": {"statement": "Apgalvojums latviski", "levels": [f"Līmenis {n}" for n in range(6)]}
    }
    recommendation.refresh_from_db()
    assert recommendation.translations["lv"] == {
        "text": "Ieteikums latviski",
        "link_titles": ["Iekļaujošas komunikācijas rokasgrāmata"],
    }
    assert Framework.objects.get(pk=framework.pk).translations == {"lv": {"title": "Ietvars"}}
    assert Framework.objects.filter(slug=framework.slug).count() == 1  # no new version
    assert "complete" in client.get(f"/manage/impact/frameworks/{framework.pk}/").content.decode()

    # an emptied field goes back to English; other languages are left alone
    indicator.translations["fr"] = {"statement": "Énoncé"}
    indicator.save()
    data[f"indicator-{indicator.pk}-statement"] = ""
    assert client.post(_url(framework), data).status_code == 302
    indicator.refresh_from_db()
    assert "statement" not in indicator.translations["lv"]
    assert indicator.translations["fr"] == {"statement": "Énoncé"}


def test_a_too_long_short_title_is_a_form_error_and_nothing_is_saved(client, survey_manager):
    framework = framework_make(dimensions=1, indicators=1)
    dimension = Dimension.objects.get(framework=framework)
    client.force_login(survey_manager)
    response = client.post(_url(framework, "cs"), {f"dimension-{dimension.pk}-short_title": "x" * 41})
    assert response.status_code == 400
    assert "Please correct the following" in response.content.decode()
    dimension.refresh_from_db()
    assert dimension.translations == {}


@pytest.mark.parametrize("who", ["anonymous", "student", "organisation_admin"])
def test_only_survey_managers_reach_the_translations_page(client, who):
    framework = framework_make(dimensions=1, indicators=1)
    indicator = Indicator.objects.get(framework=framework)
    if who == "student":
        client.force_login(UserFactory())
    elif who == "organisation_admin":
        client.force_login(organisation_with_admin()[1])
    for response in (
        client.get(_url(framework)),
        client.post(_url(framework), {f"indicator-{indicator.pk}-statement": "Hacked"}),
    ):
        if who == "anonymous":
            assert response.status_code == 302 and response.url.startswith("/accounts/login/")
        else:
            assert response.status_code == 403
    indicator.refresh_from_db()
    assert indicator.translations == {}


def test_english_or_an_unknown_language_or_framework_is_a_404(client, survey_manager):
    framework = framework_make(dimensions=1, indicators=1)
    client.force_login(survey_manager)
    assert client.get(_url(framework, "en")).status_code == 404
    assert client.get(_url(framework, "de")).status_code == 404
    assert client.get("/manage/impact/frameworks/999/translations/fr/").status_code == 404


def test_the_service_refuses_a_text_of_another_framework():
    framework = framework_make(dimensions=1, indicators=1)
    other = Indicator.objects.get(framework=framework_make(dimensions=1, indicators=1))
    with pytest.raises(ApplicationError):
        services.framework_translations_save(
            framework=framework, language="fr", texts={("indicator", other.pk, "statement"): "Autre"}
        )
    other.refresh_from_db()
    assert other.translations == {}


def test_a_new_version_keeps_the_translations():
    framework = framework_make(dimensions=1, indicators=1)
    Indicator.objects.filter(framework=framework).update(translations={"es": {"statement": "Afirmación"}})
    copy = services.framework_new_version(framework=framework)
    assert Indicator.objects.get(framework=copy).translations == {"es": {"statement": "Afirmación"}}


@pytest.mark.parametrize("dimensions", [1, 4])
def test_translations_page_query_count_does_not_grow(client, survey_manager, dimensions, django_assert_max_num_queries):
    framework = framework_make(dimensions=dimensions, indicators=3)
    client.force_login(survey_manager)
    with django_assert_max_num_queries(12):
        response = client.get(_url(framework, "nl"))
    assert len(re.findall(r'name="indicator-\d+-statement"', response.content.decode())) == dimensions * 3
