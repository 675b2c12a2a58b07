"""The demo data gives each language translated news posts, events and publications (issue 14 item 2)."""

import pytest
from django.core.management import call_command

from events.models import Event
from publications.models import NewsPost, Publication
from siem_portal.translatable import content_languages


@pytest.mark.django_db(transaction=False)
def test_demo_content_gives_each_language_news_events_and_publications(client):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent: nothing doubles, nothing is overwritten
    for language in content_languages():
        for model in (NewsPost, Publication, Event):
            translated = [row for row in model.objects.all() if row.translations.get(language, {}).get("title")]
            assert translated, (model.__name__, language)
    # French and Spanish have every news post and event, in full for one post
    for language in ("fr", "es"):
        assert all(post.translations.get(language) for post in NewsPost.objects.all())
        assert all(event.translations.get(language) for event in Event.objects.all())
    launch = NewsPost.objects.get(slug="siem-project-launch")
    assert not launch.missing_translations("es")
    page = client.get("/news/siem-project-launch/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<h1>Arranca el proyecto SIEM</h1>" in page
    page = client.get("/events/", HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert "Iekļaušana un iesaiste mobilitātē: nākamie soļi" in page
