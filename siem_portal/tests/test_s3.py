"""Private files on a real S3 API (moto_server, started by .ci/run): privacy exports, impact
reports, proposal PDFs and library drafts are objects in the private bucket, handed to the right
person as a short-lived signed URL and to nobody else; the survey reports are in
surveys/tests/reports/test_s3.py."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts import services as account_services
from accounts.models import PrivacyExport
from siem_portal.tests.s3 import fetch

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def _signed(response, settings) -> str:
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = response["Location"]
    assert url.startswith(settings.STORAGES["private"]["OPTIONS"]["endpoint_url"] + "/siem-test-")
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == [str(settings.PRIVATE_MEDIA_URL_SECONDS)]
    return url


def test_a_privacy_export_on_s3_is_for_its_owner_only(
    client, user, other_user, settings, s3_private_storage, django_capture_on_commit_callbacks
):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/me/privacy/export/").status_code == 302
    export = PrivacyExport.objects.get(user=user)
    assert export.status == "done" and s3_private_storage.exists(export.file.name)
    assert not settings.PRIVATE_MEDIA_ROOT.exists()  # nothing on the local disk
    url = export.get_download_url()

    other = Client()
    other.force_login(other_user)
    assert other.get(url).status_code == 404
    assert Client().get(url).status_code == 302 and "/accounts/login/" in Client().get(url)["Location"]

    signed = _signed(client.get(url), settings)
    status, body, headers = fetch(signed)
    assert status == 200
    assert user.email in body.decode()
    assert headers["content-type"] == "application/json"
    assert headers["content-disposition"] == 'attachment; filename="siem-portal-my-data.json"'
    assert fetch(signed.split("?")[0])[0] == 403  # the object is not public

    account_services.account_delete(user=user)
    assert not s3_private_storage.exists(export.file.name)


def test_an_impact_report_on_s3_for_people_who_see_the_assessment(
    client, settings, s3_private_storage, django_capture_on_commit_callbacks
):
    from impact.tests.factories import closed_assessment, framework_make, organisation_with_admin

    assessment = closed_assessment(framework=framework_make(), score=3)
    client.force_login(assessment.created_by)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/impact/assessments/{assessment.pk}/report/")
    report = assessment.reports.get()
    assert report.status == "done" and report.file.name == f"impact/reports/{report.token}.pdf"
    url = f"/impact/assessments/{assessment.pk}/report/{report.pk}/"
    status, body, _headers = fetch(_signed(client.get(url), settings))
    assert status == 200 and body.startswith(b"%PDF") and len(body) == report.size
    _, stranger = organisation_with_admin()
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_a_proposal_pdf_on_s3_for_the_submitter_only(client, user, other_user, settings, s3_private_storage):
    from events import services_cfp
    from events.tests.factories import ProposalFactory
    from events.tests.test_cfp import pdf_bytes

    proposal = ProposalFactory(submitter=user)
    services_cfp.proposal_pdf_attach(
        proposal=proposal, upload=SimpleUploadedFile("p.pdf", pdf_bytes(), content_type="application/pdf")
    )
    first = proposal.draft_pdf.name
    assert s3_private_storage.exists(first)
    url = f"/events/{proposal.event.slug}/proposals/{proposal.pk}/draft.pdf"
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    client.force_login(user)
    status, body, headers = fetch(_signed(client.get(url), settings))
    assert status == 200 and body == pdf_bytes()
    assert headers["content-disposition"] == f'inline; filename="proposal-{proposal.pk}.pdf"'


def test_a_library_draft_on_s3_moves_to_public_media_when_published(
    settings, s3_private_storage, editor, django_capture_on_commit_callbacks
):
    from publications import services
    from publications.models import LanguageVersion
    from publications.tests.factories import PublicationFactory, pdf_file

    with django_capture_on_commit_callbacks(execute=True):
        publication = PublicationFactory(slug="draft-on-s3", is_published=False)
        services.version_upload(publication=publication, language="en", file=pdf_file("Draft"))
    version = LanguageVersion.objects.get()
    inner = "library/publications/draft-on-s3/1/draft-on-s3-en.pdf"
    assert version.file.name == "private/publications/draft-on-s3/1/draft-on-s3-en.pdf"
    assert s3_private_storage.exists(inner)
    assert s3_private_storage.exists("library/publications/draft-on-s3/1/cover-en.png")
    assert Client().get(version.get_download_url()).status_code == 404
    as_editor = Client()
    as_editor.force_login(editor)
    status, body, _headers = fetch(_signed(as_editor.get(version.get_download_url()), settings))
    assert status == 200 and body.startswith(b"%PDF")
    cover = as_editor.get(version.thumbnail.url)
    assert fetch(_signed(cover, settings))[1].startswith(b"\x89PNG")

    with django_capture_on_commit_callbacks(execute=True):
        services.publication_update(publication=publication, is_published=True)
    version.refresh_from_db()
    assert version.file.name == "publications/draft-on-s3/1/draft-on-s3-en.pdf"
    assert (settings.MEDIA_ROOT / version.file.name).read_bytes().startswith(b"%PDF")
    assert not s3_private_storage.exists(inner)
    response = Client().get(version.get_download_url())
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
