"""Publications' titles and summaries and news posts in the visitor's language (issue 14 item 2)."""

import json

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client  # a visitor: signed-in people see their saved language
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from publications.models import NewsPost, Publication

from .factories import NewsPostFactory, PublicationFactory

FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}
with translation.override("fr"):
    NOTE_FR = str(translation.gettext("Shown in its original language"))
with translation.override("es"):
    NOTE_ES = str(translation.gettext("Shown in its original language"))


def _translated(publication, translations):
    Publication.objects.filter(pk=publication.pk).update(translations=translations)


@pytest.fixture
def post(db):
    post = NewsPostFactory(
        slug="kick-off", title="Kick-off in Brussels", summary="Partners met.", body="We **met** in Brussels."
    )
    post.translations = {"fr": {"title": "Lancement à Bruxelles", "summary": "Les partenaires se sont réunis."}}
    post.save()
    return post


def test_french_visitor_reads_the_french_title_and_summary_and_the_original_body_marked(client, post):
    page = client.get("/news/kick-off/", **FR).content.decode()
    assert "<h1>Lancement à Bruxelles</h1>" in page
    assert '<p class="lead">Les partenaires se sont réunis.</p>' in page
    # no French body: the English one, marked as English, and the page says so
    assert '<div lang="en"><p>We <strong>met</strong> in Brussels.</p>' in page
    assert NOTE_FR in page
    assert "Kick-off in Brussels" not in page


def test_a_complete_translation_has_no_note_and_english_visitors_read_english(client, post):
    post.translations["fr"].update(body="Nous nous sommes **réunis**.")
    post.save()
    french = client.get("/news/kick-off/", **FR).content.decode()
    assert "<p>Nous nous sommes <strong>réunis</strong>.</p>" in french
    assert NOTE_FR not in french and 'lang="en"><p>' not in french
    english = client.get("/news/kick-off/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Kick-off in Brussels</h1>" in english and "Shown in its original language" not in english


def test_news_list_home_and_feed_in_french(client, post):
    NewsPostFactory(slug="untranslated", title="Only in English", summary="English summary.")
    listing = client.get("/news/", **FR).content.decode()
    assert ">Lancement à Bruxelles</a>" in listing
    assert '<a href="/news/untranslated/" lang="en">Only in English</a>' in listing
    assert listing.count(NOTE_FR) == 1  # the untranslated post only
    home = client.get("/", **FR).content.decode()
    assert ">Lancement à Bruxelles</a>" in home and 'lang="en">Only in English</a>' in home
    feed = client.get("/news/feed/", **FR).content.decode()
    assert "<title>Lancement à Bruxelles</title>" in feed
    assert '<entry xml:lang="en"><title>Only in English</title>' in feed


def test_spanish_visitor_without_translation_reads_the_original_marked(client, post):
    page = client.get("/news/kick-off/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<h1 lang="en">Kick-off in Brussels</h1>' in page
    assert NOTE_ES in page


def test_publication_pages_and_library_in_french(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication = PublicationFactory(slug="guide", title="Inclusion guide", summary="How to include everyone.")
    _translated(publication, {"fr": {"title": "Guide de l’inclusion", "summary": "Comment inclure chacun."}})
    PublicationFactory(slug="other", title="Other report", summary="In English only.")
    detail = client.get("/library/guide/", **FR).content.decode()
    assert "<h1>Guide de l’inclusion</h1>" in detail and "Comment inclure chacun." in detail
    assert NOTE_FR not in detail.split("<h2")[0]
    library = client.get("/library/", **FR).content.decode()
    assert ">Guide de l’inclusion</a>" in library
    assert 'lang="en">Other report</a>' in library and NOTE_FR in library
    # search looks through the original text
    assert ">Guide de l’inclusion</a>" in client.get("/library/", {"q": "inclusion"}, **FR).content.decode()


def test_api_answers_in_the_accept_language_language(api_client, post):
    french = api_client.get("/api/v1/news/", HTTP_ACCEPT_LANGUAGE="fr").json()
    item = next(i for i in french["results"] if i["slug"] == "kick-off")
    assert item["title"] == "Lancement à Bruxelles"
    assert item["body"] == "We **met** in Brussels."
    assert item["untranslated"] == ["body"]
    english = api_client.get("/api/v1/news/kick-off/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["title"] == "Kick-off in Brussels" and english["untranslated"] == []
    _translated(PublicationFactory(slug="guide", title="Guide"), {"lv": {"title": "Ceļvedis"}})
    latvian = api_client.get("/api/v1/publications/guide/", HTTP_ACCEPT_LANGUAGE="lv").json()
    assert latvian["title"] == "Ceļvedis" and latvian["untranslated"] == ["summary"]


# --- editors --------------------------------------------------------------------------------------


def test_editor_saves_a_latvian_translation_of_a_news_post_and_it_is_logged(client, editor, post):
    client.force_login(editor)
    url = f"/manage/library/news/{post.pk}/translations/lv/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'lang="lv"' in page.content.decode() and "Kick-off in Brussels" in page.content.decode()
    response = client.post(url, {"title": "Sākums Briselē", "summary": "Partneri tikās.", "body": ""})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.translations["lv"] == {"title": "Sākums Briselē", "summary": "Partneri tikās."}
    assert post.translations["fr"]["title"] == "Lancement à Bruxelles"  # other languages kept
    entry = LogEntry.objects.get_for_object(post).order_by("-timestamp").first()
    assert entry.actor == editor and "translations" in entry.changes_dict
    assert "Sākums Briselē" in Client().get("/news/kick-off/", HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    # the edit page links to each language
    assert url in client.get(f"/manage/library/news/{post.pk}/").content.decode()


def test_emptying_every_field_removes_the_language(client, editor, post):
    client.force_login(editor)
    client.post(f"/manage/library/news/{post.pk}/translations/fr/", {"title": "", "summary": "  "})
    post.refresh_from_db()
    assert "fr" not in post.translations


def test_editor_saves_a_publication_translation_too_long_is_a_form_error(client, editor, db):
    publication = PublicationFactory(slug="guide", title="Guide", summary="Text.")
    client.force_login(editor)
    url = f"/manage/library/publications/{publication.pk}/translations/lv/"
    too_long = client.post(url, {"title": "x" * 301, "summary": "Teksts."})
    assert too_long.status_code == 400 and "error-summary" in too_long.content.decode()
    assert Publication.objects.get(pk=publication.pk).translations == {}
    assert client.post(url, {"title": "Ceļvedis", "summary": "Teksts."}).status_code == 302
    assert Publication.objects.get(pk=publication.pk).translations == {
        "lv": {"title": "Ceļvedis", "summary": "Teksts."}
    }
    entry = LogEntry.objects.get_for_object(publication).order_by("-timestamp").first()
    assert entry.actor == editor
    assert json.loads(entry.changes_dict["translations"][1])["lv"]["title"] == "Ceļvedis"


def test_others_may_not_translate(client, user, event_organiser, post):
    url = f"/manage/library/news/{post.pk}/translations/lv/"
    assert client.get(url).status_code == 302  # to the login page
    for person in (user, event_organiser):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"title": "Uzlauzts"}).status_code == 403
    assert "lv" not in NewsPost.objects.get(pk=post.pk).translations


def test_unknown_language_is_a_404(client, editor, post):
    client.force_login(editor)
    assert client.get(f"/manage/library/news/{post.pk}/translations/en/").status_code == 404
    assert client.get(f"/manage/library/news/{post.pk}/translations/xx/").status_code == 404


# --- query counts ---------------------------------------------------------------------------------


def _queries(client, url, **kwargs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **kwargs).status_code == 200
    return len(ctx)


def _translated_posts(n):
    for i in range(n):
        post = NewsPostFactory()
        post.translations = {"fr": {"title": f"Nouvelle {i}"}} if i % 2 else {}
        post.save()


def test_news_list_home_and_api_queries_do_not_grow_with_rows(client, db):
    from django.core.cache import cache

    _translated_posts(1)
    one = [_queries(client, url, **FR) for url in ("/news/", "/", "/news/feed/", "/api/v1/news/")]
    _translated_posts(6)
    cache.clear()
    many = [_queries(client, url, **FR) for url in ("/news/", "/", "/news/feed/", "/api/v1/news/")]
    assert one == many


def test_library_queries_do_not_grow_with_rows(client, db):
    from django.core.cache import cache

    _translated(PublicationFactory(), {"fr": {"title": "Un"}})
    one = _queries(client, "/library/", **FR), _queries(client, "/api/v1/publications/", **FR)
    for i in range(5):
        _translated(PublicationFactory(), {"fr": {"title": f"Titre {i}"}} if i % 2 else {})
    cache.clear()
    many = _queries(client, "/library/", **FR), _queries(client, "/api/v1/publications/", **FR)
    assert one == many
