"""Event texts in the visitor's language, edited by the organisers (issue 14 item 2)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client  # a visitor: signed-in people see their saved language
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from events.models import Event

from .factories import EventFactory

FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}
with translation.override("fr"):
    NOTE_FR = str(translation.gettext("Shown in its original language"))


@pytest.fixture
def event(db, event_organiser):
    event = EventFactory(
        slug="forum",
        title="Inclusion forum",
        summary="A day together.",
        description="Talks and **workshops**.",
        accessibility_info="Step-free entrance.",
        organisers=[event_organiser],
    )
    Event.objects.filter(pk=event.pk).update(
        translations={"fr": {"title": "Forum de l’inclusion", "summary": "Une journée ensemble."}}
    )
    event.refresh_from_db()
    return event


def test_french_visitor_reads_the_french_texts_and_the_rest_marked_as_original(client, event):
    page = client.get("/events/forum/", **FR).content.decode()
    assert "<h1>Forum de l’inclusion</h1>" in page
    assert '<p class="lead">Une journée ensemble.</p>' in page
    assert '<div lang="en"><p>Talks and <strong>workshops</strong>.</p>' in page
    assert '<p lang="en">Step-free entrance.</p>' in page
    assert NOTE_FR in page
    assert "<title>Forum de l’inclusion" in page


def test_list_and_home_in_french(client, event):
    later = event.starts_at + timedelta(days=5)
    EventFactory(slug="other", title="Summer school", summary="Only English.", starts_at=later, ends_at=later)
    listing = client.get("/events/", **FR).content.decode()
    assert ">Forum de l’inclusion</a>" in listing
    assert 'lang="en">Summer school</a>' in listing
    # only the card whose title and summary have no translation says so (a venue's name is a name)
    assert listing.count(NOTE_FR) == 1
    home = client.get("/", **FR).content.decode()  # the next event
    assert ">Forum de l’inclusion</a>" in home and '<p lang="en">' not in home.split("home-event-title")[1][:600]


def test_api_answers_in_the_accept_language_language(api_client, event):
    data = api_client.get("/api/v1/events/forum/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert data["title"] == "Forum de l’inclusion" and data["description"] == "Talks and **workshops**."
    assert set(data["untranslated"]) == {"description", "venue_name", "accessibility_info"}
    assert api_client.get("/api/v1/events/forum/", HTTP_ACCEPT_LANGUAGE="en").json()["title"] == "Inclusion forum"


def test_organiser_saves_a_latvian_translation(client, event, event_organiser):
    client.force_login(event_organiser)
    url = "/manage/events/forum/translations/lv/"
    page = client.get(url).content.decode()
    assert "Step-free entrance." in page and 'lang="lv"' in page
    response = client.post(
        url, {"title": "Iekļaušanas forums", "summary": "", "description": "Runas un **darbnīcas**."}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.translations["lv"] == {"title": "Iekļaušanas forums", "description": "Runas un **darbnīcas**."}
    assert event.translations["fr"]["title"] == "Forum de l’inclusion"
    page = Client().get("/events/forum/", HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert "Iekļaušanas forums" in page and "<strong>darbnīcas</strong>" in page
    assert url in client.get("/manage/events/forum/").content.decode()


def test_only_the_event_organisers_may_translate(client, event, user, editor):
    url = "/manage/events/forum/translations/lv/"
    other_organiser_event = EventFactory(slug="not-theirs")
    assert other_organiser_event
    for person in (user, editor):
        client.force_login(person)
        # as on every manage page of an event someone does not organise: absent for them
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Uzlauzts"}).status_code == 404
    assert "lv" not in Event.objects.get(pk=event.pk).translations


def test_too_long_title_is_a_form_error_and_nothing_is_saved(client, event, event_organiser):
    client.force_login(event_organiser)
    response = client.post("/manage/events/forum/translations/fr/", {"title": "x" * 201})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert Event.objects.get(pk=event.pk).translations["fr"]["title"] == "Forum de l’inclusion"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **FR).status_code == 200
    return len(ctx)


def test_list_queries_do_not_grow_with_rows(client, db):
    from django.core.cache import cache

    def make(n, past=False):
        for i in range(n):
            start = timezone.now() + timedelta(days=-40 - i if past else 10 + i)
            event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
            Event.objects.filter(pk=event.pk).update(translations={"fr": {"title": f"Événement {i}"}} if i % 2 else {})

    make(1)
    make(1, past=True)
    one = [_queries(client, url) for url in ("/events/", "/api/v1/events/")]
    make(5)
    make(5, past=True)
    cache.clear()
    many = [_queries(client, url) for url in ("/events/", "/api/v1/events/")]
    assert one == many
