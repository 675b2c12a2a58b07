"""Private files through the storage API: names relative to the private storage, served by a view."""

import pytest
from django.core.files.base import ContentFile

from accounts.models import PrivacyExport
from accounts.services import privacy_export_request
from siem_portal.storage import private_storage

pytestmark = pytest.mark.django_db


def _built_export(user, django_capture_on_commit_callbacks) -> PrivacyExport:
    with django_capture_on_commit_callbacks(execute=True):
        export = privacy_export_request(user=user)
    export.refresh_from_db()
    return export


def test_private_files_are_names_on_the_private_folder(user, settings, django_capture_on_commit_callbacks):
    export = _built_export(user, django_capture_on_commit_callbacks)
    assert export.file.name == f"privacy/{export.token}.json"
    assert (settings.PRIVATE_MEDIA_ROOT / export.file.name).read_bytes().startswith(b"{")
    assert not (settings.MEDIA_ROOT / export.file.name).exists()
    with pytest.raises(ValueError, match="no public URL"):
        export.file.url  # noqa: B018 (the property is what is tested)


def test_download_streams_to_the_owner_only(client, user, other_user, django_capture_on_commit_callbacks):
    export = _built_export(user, django_capture_on_commit_callbacks)
    url = export.get_download_url()
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"{")
    private_storage().delete(export.file.name)  # the file is gone: 404, not 500
    assert client.get(url).status_code == 404


def test_behind_nginx_the_view_hands_the_file_over_with_x_accel_redirect(
    client, user, settings, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    export = _built_export(user, django_capture_on_commit_callbacks)
    client.force_login(user)
    response = client.get(export.get_download_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/privacy/{export.token}.json"
    assert response["Content-Disposition"] == 'attachment; filename="siem-portal-my-data.json"'
    assert response.content == b""


def test_saving_a_name_again_replaces_the_file():
    storage = private_storage()
    assert storage.save("survey-reports/1.csv", ContentFile(b"old")) == "survey-reports/1.csv"
    assert storage.save("survey-reports/1.csv", ContentFile(b"new")) == "survey-reports/1.csv"
    with storage.open("survey-reports/1.csv") as handle:
        assert handle.read() == b"new"
