import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from publications.models import LanguageVersion, NewsPost, Publication

from .factories import NewsPostFactory, PublicationFactory, make_pdf

pytestmark = pytest.mark.django_db

PUBLICATION_DATA = {
    "title": "Inclusive Communication Manual",
    "slug": "inclusive-communication-manual",
    "kind": "manual",
    "summary": "How to communicate inclusively.",
    "published_on": "2022-04-01",
    "licence": "CC-BY-4.0",
    "doi": "",
    "record_url": "",
    "authors": "Ana López | ESN\nJan Novák",
    "audiences": ["students", "hei"],
    "topics": ["communication"],
    "is_published": "on",
}


@pytest.mark.parametrize(
    "url",
    ["/manage/library/", "/manage/library/publications/new/", "/manage/library/news/new/"],
)
def test_only_editors_reach_the_manage_pages(client, user, moderator, editor, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    for someone in (user, moderator):
        client.force_login(someone)
        assert client.get(url).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_non_editors_cannot_change_anything(client, user, moderator):
    publication = PublicationFactory()
    post = NewsPostFactory()
    for someone in (user, moderator):
        client.force_login(someone)
        assert client.post("/manage/library/publications/new/", PUBLICATION_DATA).status_code == 403
        assert client.post(f"/manage/library/publications/{publication.pk}/", PUBLICATION_DATA).status_code == 403
        assert client.post(f"/manage/library/publications/{publication.pk}/delete/").status_code == 403
        assert client.post(f"/manage/library/news/{post.pk}/delete/").status_code == 403
        upload = SimpleUploadedFile("a.pdf", make_pdf("x"), content_type="application/pdf")
        response = client.post(
            f"/manage/library/publications/{publication.pk}/upload/", {"upload-language": "en", "upload-file": upload}
        )
        assert response.status_code == 403
    assert Publication.objects.count() == 1
    assert NewsPost.objects.count() == 1
    assert LanguageVersion.objects.count() == 0


def test_editor_creates_uploads_and_the_log_shows_who(client, editor, django_capture_on_commit_callbacks):
    client.force_login(editor)
    response = client.post("/manage/library/publications/new/", PUBLICATION_DATA)
    publication = Publication.objects.get(slug="inclusive-communication-manual")
    assert response.status_code == 302
    assert [(a.name, a.organisation) for a in publication.authors.all()] == [("Ana López", "ESN"), ("Jan Novák", "")]
    assert sorted(a.audience for a in publication.audiences.all()) == ["hei", "students"]
    upload = SimpleUploadedFile("manual.pdf", make_pdf("inclusive words"), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/manage/library/publications/{publication.pk}/upload/", {"upload-language": "es", "upload-file": upload}
        )
    assert response.status_code == 302
    version = LanguageVersion.objects.get(edition__publication=publication)
    assert (version.language, version.text_status, version.page_count) == ("es", "done", 1)
    client.post(
        f"/manage/library/publications/{publication.pk}/", {**PUBLICATION_DATA, "title": "Manual, second title"}
    )
    entry = LogEntry.objects.get_for_object(publication).filter(action=LogEntry.Action.UPDATE).first()
    assert entry.actor == editor
    assert entry.changes_dict["title"] == ["Inclusive Communication Manual", "Manual, second title"]
    page = client.get(f"/manage/library/publications/{publication.pk}/").content.decode()
    assert "Change log" in page
    assert str(editor) in page
    assert "Manual, second title" in page


def test_upload_of_a_non_pdf_shows_an_error(client, editor):
    publication = PublicationFactory()
    client.force_login(editor)
    fake = SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    response = client.post(
        f"/manage/library/publications/{publication.pk}/upload/", {"upload-language": "en", "upload-file": fake}
    )
    assert response.status_code == 400
    assert "This file is not a PDF." in response.content.decode()
    assert LanguageVersion.objects.count() == 0


def test_malformed_doi_is_a_form_error(client, editor):
    client.force_login(editor)
    response = client.post("/manage/library/publications/new/", {**PUBLICATION_DATA, "doi": "not-a-doi"})
    assert response.status_code == 400
    assert "Enter a DOI such as 10.5281/zenodo.10581326" in response.content.decode()
    assert Publication.objects.count() == 0


def test_editor_starts_a_new_edition(client, editor):
    publication = PublicationFactory()
    client.force_login(editor)
    response = client.post(
        f"/manage/library/publications/{publication.pk}/edition/",
        {"edition-published_on": "2024-01-01", "edition-notes": "New data"},
    )
    assert response.status_code == 302
    assert list(publication.editions.values_list("number", "is_current")) == [(2, True), (1, False)]


def test_editor_writes_news_and_deletes_a_publication(client, editor):
    publication = PublicationFactory()
    client.force_login(editor)
    response = client.post(
        "/manage/library/news/new/",
        {
            "title": "Launch of the recommendations",
            "slug": "",
            "published_on": "2022-10-26",
            "summary": "Launched.",
            "body": "Read **them**.",
            "publications": [publication.pk],
            "event_links": "https://example.org/events/conference/\nnot a url",
            "is_published": "on",
        },
    )
    assert response.status_code == 400
    assert "“not a url” is not a web address." in response.content.decode()
    response = client.post(
        "/manage/library/news/new/",
        {
            "title": "Launch of the recommendations",
            "slug": "",
            "published_on": "2022-10-26",
            "summary": "Launched.",
            "body": "Read **them**.",
            "publications": [publication.pk],
            "event_links": "https://example.org/events/conference/",
            "is_published": "on",
        },
    )
    post = NewsPost.objects.get()
    assert response.status_code == 302
    assert post.slug == "launch-of-the-recommendations"
    assert list(post.publications.all()) == [publication]
    assert LogEntry.objects.get_for_object(post).filter(action=LogEntry.Action.CREATE).get().actor == editor
    assert {e.actor for e in LogEntry.objects.get_for_object(post)} == {editor}
    client.post(f"/manage/library/publications/{publication.pk}/delete/")
    assert Publication.objects.count() == 0


@pytest.mark.parametrize("count", [1, 5])
def test_manage_index_query_count(client, editor, count, django_assert_max_num_queries):
    for _ in range(count):
        PublicationFactory()
        NewsPostFactory()
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        response = client.get("/manage/library/")
    assert response.content.decode().count("/manage/library/publications/") - 1 == count


def test_manage_link_shown_to_editors_only(client, editor, moderator):
    client.force_login(moderator)
    assert "/manage/library/" not in client.get("/manage/").content.decode()
    client.force_login(editor)
    assert "/manage/library/" in client.get("/manage/").content.decode()


def test_editor_adds_and_clears_a_news_image(client, editor):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(buffer, format="PNG")
    image = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    post = NewsPostFactory()
    client.force_login(editor)
    data = {
        "title": post.title, "slug": post.slug, "published_on": "2022-01-01", "summary": "S", "body": "B",
        "event_links": "", "is_published": "on",
    }  # fmt: skip
    response = client.post(f"/manage/library/news/{post.pk}/", {**data, "image": image})
    assert response.status_code == 400
    assert "Describe the image for people who cannot see it." in response.content.decode()
    image.seek(0)
    response = client.post(f"/manage/library/news/{post.pk}/", {**data, "image": image, "image_alt": "A blue square"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.image.name.startswith("news/photo")
    assert (
        f'<img class="news-image" src="{post.image.url}" alt="A blue square">'
        in client.get(post.get_absolute_url()).content.decode()
    )
    response = client.post(f"/manage/library/news/{post.pk}/", {**data, "image-clear": "on"})
    post.refresh_from_db()
    assert response.status_code == 302
    assert post.image.name == ""
