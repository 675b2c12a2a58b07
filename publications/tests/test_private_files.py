"""Files of unpublished publications are private until published (issue 12 item 5).

Tried as an attacker would: the PDF and cover of an unpublished publication are not below MEDIA_ROOT
(so no web server serves them at their predictable public URL), and the URLs the portal gives out
answer 404 to anyone but editors."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.tests.factories import UserFactory
from publications import services
from publications.models import LanguageVersion

from .factories import PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(with_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication = PublicationFactory(slug="draft-report", title="Draft report", is_published=False)
        with_pdf(publication, "Not yet public")
    return publication


def _version(publication) -> LanguageVersion:
    return LanguageVersion.objects.select_related("edition__publication").get(edition__publication=publication)


def _public_files() -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _clients(editor):
    signed_in = Client()
    signed_in.force_login(UserFactory())
    as_editor = Client()
    as_editor.force_login(editor)
    return {"anonymous": Client(), "signed in": signed_in, "editor": as_editor}


def test_an_unpublished_publication_has_no_file_below_media_root(draft):
    version = _version(draft)
    assert version.thumbnail_status == "done"
    assert _public_files() == []
    # the names the public URLs were guessed from before
    assert not (settings.MEDIA_ROOT / "publications" / "draft-report" / "1" / "draft-report-en.pdf").exists()
    assert not (settings.MEDIA_ROOT / "publications" / "draft-report" / "1" / "cover-en.png").exists()
    assert version.file.name == "private/publications/draft-report/1/draft-report-en.pdf"
    assert (settings.PRIVATE_MEDIA_ROOT / "library" / "publications" / "draft-report" / "1" / "cover-en.png").exists()


def test_an_unpublished_pdf_and_cover_are_for_editors_only(draft, editor):
    version = _version(draft)
    cover_url = version.thumbnail.url
    assert cover_url.startswith("/library-files/")
    for who, client in _clients(editor).items():
        expected = 200 if who == "editor" else 404
        pdf = client.get(version.get_download_url())
        cover = client.get(cover_url)
        assert (who, pdf.status_code, cover.status_code) == (who, expected, expected)
        if who == "editor":
            assert b"".join(pdf.streaming_content).startswith(b"%PDF")
            assert cover["Content-Type"] == "image/png"
            assert cover["Cache-Control"] == "private, no-store"
            assert b"".join(cover.streaming_content).startswith(b"\x89PNG")


def test_the_private_file_view_serves_only_names_of_library_files(editor, draft, settings):
    client = Client()
    client.force_login(editor)
    (settings.PRIVATE_MEDIA_ROOT / "privacy").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "privacy" / "someone.json").write_text("{}")
    for name in ("../privacy/someone.json", "publications/../../privacy/someone.json", "publications/x/1/nope.pdf"):
        assert client.get(f"/library-files/{name}").status_code == 404


def test_publishing_moves_the_files_to_public_media_and_unpublishing_back(
    draft, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_update(publication=draft, is_published=True)
    version = _version(draft)
    assert version.file.name == "publications/draft-report/1/draft-report-en.pdf"
    assert _public_files() == [
        "publications/draft-report/1/cover-en.png",
        "publications/draft-report/1/draft-report-en.pdf",
    ]
    assert not list((settings.PRIVATE_MEDIA_ROOT / "library").rglob("*.*"))
    assert version.thumbnail.url == "/media/publications/draft-report/1/cover-en.png"
    for client in _clients(editor).values():
        response = client.get(version.get_download_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert version.thumbnail.url in Client().get(f"/library/{draft.slug}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.publication_update(publication=draft, is_published=False)
    version = _version(draft)
    assert version.file.name.startswith("private/") and version.thumbnail.name.startswith("private/")
    assert _public_files() == []
    assert Client().get(version.get_download_url()).status_code == 404
    assert Client().get(version.thumbnail.url).status_code == 404


def test_a_published_publication_keeps_public_urls(publication):
    version = _version(publication)
    assert version.thumbnail.url.startswith("/media/publications/")
    response = Client().get(version.get_download_url())
    assert response.status_code == 200


def test_the_admin_checkbox_moves_the_files_too(draft, django_capture_on_commit_callbacks):
    from django.contrib.admin.sites import site

    from publications.models import Publication

    admin = site._registry[Publication]
    draft.is_published = True
    with django_capture_on_commit_callbacks(execute=True):
        admin.save_model(
            request=None, obj=draft, form=type("Form", (), {"changed_data": ["is_published"]})(), change=True
        )
    assert _version(draft).file.name == "publications/draft-report/1/draft-report-en.pdf"
    assert _public_files()
