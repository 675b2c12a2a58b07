from datetime import date

import pytest
from django.core.files.base import ContentFile

from publications import services
from publications.models import Edition, LanguageVersion, Publication
from publications.validators import MAX_PDF_BYTES
from siem_portal.exceptions import ApplicationError

from .factories import PublicationFactory, pdf_file

pytestmark = pytest.mark.django_db


def upload(publication, content, language="en", capture=None):
    with capture(execute=True):
        return services.version_upload(publication=publication, language=language, file=content)


def test_upload_extracts_text_page_count_and_thumbnail(django_capture_on_commit_callbacks):
    publication = PublicationFactory()
    version = upload(
        publication, pdf_file("Quetzalcoatl appears here", pages=3), capture=django_capture_on_commit_callbacks
    )
    version.refresh_from_db()
    assert version.page_count == 3
    assert version.text_status == "done"
    assert "Quetzalcoatl appears here page 3" in version.text
    assert version.thumbnail_status == "done"
    assert version.thumbnail.name.endswith(".png")
    assert version.size == len(pdf_file("Quetzalcoatl appears here", pages=3).read())
    publication.refresh_from_db()
    assert "Quetzalcoatl" in publication.search_text


def test_file_that_is_not_a_pdf_is_refused(django_capture_on_commit_callbacks):
    publication = PublicationFactory()
    with pytest.raises(ApplicationError) as error:
        upload(
            publication,
            ContentFile(b"<html>not a pdf</html>", name="x.pdf"),
            capture=django_capture_on_commit_callbacks,
        )
    assert error.value.message == "This file is not a PDF."
    assert LanguageVersion.objects.count() == 0


def test_oversized_file_is_refused(django_capture_on_commit_callbacks):
    publication = PublicationFactory()
    big = ContentFile(b"%PDF-1.4\n" + b"0" * 16, name="big.pdf")
    big.size = MAX_PDF_BYTES + 1
    with pytest.raises(ApplicationError) as error:
        upload(publication, big, capture=django_capture_on_commit_callbacks)
    assert error.value.message == "The file is larger than 50 MB."
    assert LanguageVersion.objects.count() == 0


def test_broken_pdf_records_the_failure_and_stays_usable(client, django_capture_on_commit_callbacks):
    publication = PublicationFactory()
    version = upload(
        publication,
        ContentFile(b"%PDF-1.4\nthis is garbage, no objects", name="broken.pdf"),
        capture=django_capture_on_commit_callbacks,
    )
    version.refresh_from_db()
    assert version.text_status == "failed"
    assert version.thumbnail_status == "failed"
    assert version.processing_error.startswith("Text extraction failed")
    assert client.get(publication.get_absolute_url()).status_code == 200
    response = client.get(version.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4\nthis is garbage")


def test_malformed_doi_is_refused_and_nothing_saved():
    with pytest.raises(ApplicationError) as error:
        PublicationFactory(doi="zenodo 1234")
    assert "doi" in error.value.errors
    assert Publication.objects.count() == 0


def test_doi_given_as_link_is_stored_bare_and_linked():
    publication = PublicationFactory(doi="https://doi.org/10.5281/zenodo.10581326")
    assert publication.doi == "10.5281/zenodo.10581326"
    assert publication.doi_url == "https://doi.org/10.5281/zenodo.10581326"


def test_new_edition_becomes_current_and_earlier_files_stay(client, django_capture_on_commit_callbacks):
    publication = PublicationFactory()
    first = upload(publication, pdf_file("first edition words"), capture=django_capture_on_commit_callbacks)
    edition = services.edition_create(publication=publication, published_on=date(2023, 1, 1), notes="Updated figures")
    assert edition.number == 2
    assert list(Edition.objects.filter(publication=publication, is_current=True)) == [edition]
    second = upload(publication, pdf_file("second edition words"), capture=django_capture_on_commit_callbacks)
    assert second.edition == edition
    publication.refresh_from_db()
    assert "second edition words" in publication.search_text
    assert "first edition words" not in publication.search_text
    page = client.get(publication.get_absolute_url()).content.decode()
    assert first.get_download_url() in page
    assert second.get_download_url() in page
    assert "Updated figures" in page
    assert client.get(first.get_download_url()).status_code == 200


def test_new_edition_cannot_be_dated_before_the_last():
    publication = PublicationFactory(published_on=date(2022, 1, 1))
    with pytest.raises(ApplicationError):
        services.edition_create(publication=publication, published_on=date(2021, 1, 1))
    assert publication.editions.count() == 1


def test_authors_keep_their_order():
    publication = PublicationFactory(authors=[("Zoe", "UUKi"), ("Adam", "ESN"), ("Maria", "")])
    assert [a.name for a in publication.authors.all()] == ["Zoe", "Adam", "Maria"]
    services.publication_update(publication=publication, authors=[("Adam", "ESN"), ("Zoe", "UUKi")])
    assert [a.name for a in publication.authors.all()] == ["Adam", "Zoe"]


def test_robot_user_agents():
    assert services.is_robot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    assert services.is_robot("curl/8.5.0")
    assert services.is_robot("")
    assert not services.is_robot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36")


def test_snippets_escape_the_text_and_mark_the_terms():
    from publications.text import headline_to_html, snippet_from_text

    assert headline_to_html("x <b>\x02rural\x03</b> & y") == "x &lt;b&gt;<mark>rural</mark>&lt;/b&gt; &amp; y"
    assert snippet_from_text("a <i>Rural</i> place", ["rural"]) == "a &lt;i&gt;<mark>Rural</mark>&lt;/i&gt; place"
