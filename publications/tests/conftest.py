import pytest

from publications import services

from .factories import PublicationFactory, pdf_file


@pytest.fixture
def with_pdf():
    """Give a publication a PDF in a language (text extraction and thumbnail run eagerly)."""

    def add(publication, text="Demo text", language="en"):
        return services.version_upload(
            publication=publication, language=language, file=pdf_file(text, name=f"{publication.slug}.pdf")
        )

    return add


@pytest.fixture
def publication(db, with_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pub = PublicationFactory(slug="factsheet-rural-students", title="Factsheet: rural students")
        with_pdf(pub, "Students from villages face distance and cost")
    return pub
