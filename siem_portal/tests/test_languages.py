"""Choosing a language: the header's links, Accept-Language, the saved preference, locale formats."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def language_links(response):
    nav = BeautifulSoup(response.content, "html.parser").select_one("header nav.language-nav")
    return nav.select("a")


def test_header_has_a_link_per_language_in_its_own_name(client):
    response = client.get("/events/", HTTP_ACCEPT_LANGUAGE="nl")
    links = language_links(response)
    assert [(a.text, a["lang"], a["hreflang"]) for a in links] == [
        ("English", "en", "en"),
        ("français", "fr", "fr"),
        ("español", "es", "es"),
        ("Nederlands", "nl", "nl"),
        ("česky", "cs", "cs"),
        ("latviešu", "lv", "lv"),
    ]
    assert [a.text for a in links if a.get("aria-current") == "true"] == ["Nederlands"]
    assert links[1]["href"] == "/i18n/fr/?next=%2Fevents%2F"
    # no select and no "Change" button left: a link is the whole picker
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select("form.language-form, select[name=language]") == []


def test_first_visit_follows_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    assert '<html lang="es">' in response.content.decode()
    assert response["Content-Language"] == "es"


def test_following_a_language_link_sets_it_and_returns_to_the_page(client):
    response = client.get("/i18n/fr/?next=/events/")
    assert (response.status_code, response["Location"]) == (302, "/events/")
    assert response.cookies["django_language"].value == "fr"
    page = client.get("/events/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr">' in page.content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", ""])
def test_language_link_never_leaves_the_site(client, next_url):
    response = client.get("/i18n/es/", {"next": next_url})
    assert response["Location"] == "/"


def test_unknown_language_is_404(client):
    assert client.get("/i18n/de/?next=/").status_code == 404


def test_signed_in_pick_is_saved_on_the_account(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    client.get("/i18n/lv/?next=/me/", HTTP_SEC_FETCH_SITE="same-origin")
    user.refresh_from_db()
    assert user.preferred_language == "lv"


def test_a_link_from_another_site_changes_the_browser_not_the_account(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    response = client.get("/i18n/lv/?next=/", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.cookies["django_language"].value == "lv"
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_set_language_post_saves_the_preference_too(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert User.objects.get(pk=user.pk).preferred_language == "nl"


def test_preference_applies_at_sign_in_whatever_the_browser_says(client):
    user = UserFactory(preferred_language="fr")
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    page = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr">' in page.content.decode()
    assert f"Bienvenue, {user.get_short_name()}" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "6 December 2026"), ("fr", "6 décembre 2026"), ("nl", "6 december 2026"), ("es", "6 de diciembre de 2026")],
)
def test_dates_follow_the_page_language(client, language, expected):
    from publications.models import NewsPost

    NewsPost.objects.create(
        title="Dates", slug="dates", summary="x", body="x", is_published=True, published_on=datetime.date(2026, 12, 6)
    )
    response = client.get("/news/dates/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert expected in response.content.decode()
