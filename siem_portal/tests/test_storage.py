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


def _env(**variables):
    return lambda name, default=None: variables.get(name, default)


def test_s3_settings_come_from_the_s3_variables():
    from siem_portal.settings.base import s3_image_origins, s3_storages

    assert s3_storages(_env()) == {} and s3_image_origins(_env()) == []
    variables = {
        "S3_ENDPOINT_URL": "https://s3.example.org:9000",
        "S3_PRIVATE_BUCKET": "siem-private",
        "S3_PUBLIC_BUCKET": "siem-media",
        "S3_PUBLIC_DOMAIN": "media.example.org",
    }
    entries = s3_storages(_env(**variables))
    assert entries["private"]["BACKEND"] == entries["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    private, public = entries["private"]["OPTIONS"], entries["default"]["OPTIONS"]
    assert (private["bucket_name"], private["querystring_auth"], private["default_acl"]) == (
        "siem-private",
        True,
        "private",
    )
    assert (public["bucket_name"], public["querystring_auth"]) == ("siem-media", False)
    assert public["custom_domain"] == "media.example.org"
    assert s3_image_origins(_env(**variables)) == ["https://media.example.org", "https://s3.example.org:9000"]


def test_the_admin_shows_a_privacy_export_without_its_file(client, user, django_capture_on_commit_callbacks):
    from accounts.tests.factories import UserFactory

    export = _built_export(user, django_capture_on_commit_callbacks)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/accounts/privacyexport/{export.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert export.file.name not in page and 'name="file"' not in page
