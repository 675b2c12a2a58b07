"""Every upload is bounded: the whole request, and each kind of file."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from publications.models import NewsPost
from publications.tests.factories import NewsPostFactory
from surveys.models import Survey


@override_settings(SIEM_MAX_REQUEST_BYTES=1024 * 1024)
def test_a_request_body_over_the_cap_is_refused_with_413_before_it_is_read(api_client, client, survey_manager):
    big = io.BytesIO(b"x" * (1024 * 1024 + 1))
    api_client.force_authenticate(survey_manager)
    response = api_client.post("/api/v1/surveys/import/", {"file": big}, format="multipart")
    assert response.status_code == 413
    assert response.json() == {"detail": "The upload is larger than 1 MB.", "errors": {}}
    client.force_login(survey_manager)
    page = client.post("/manage/surveys/import/", {"file": SimpleUploadedFile("f.xlsx", b"x" * (1024 * 1024 + 1))})
    assert page.status_code == 413
    assert "The upload is larger than 1 MB." in page.content.decode()
    assert Survey.objects.count() == 0
    # under the cap the request goes through to the view, which answers about the file itself
    small = api_client.post("/api/v1/surveys/import/", {"file": io.BytesIO(b"x" * 1000)}, format="multipart")
    assert small.status_code == 400
    assert small.json()["detail"] == "This file is not an Excel workbook (.xlsx or .xls)."


@pytest.mark.django_db
def test_a_news_image_over_5_mb_is_refused(client, editor):
    noise = Image.frombytes("RGB", (1500, 1500), os.urandom(1500 * 1500 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG", compress_level=0)
    assert buffer.tell() > 5 * 1024 * 1024
    post = NewsPostFactory()
    client.force_login(editor)
    data = {
        "title": post.title, "slug": post.slug, "published_on": "2022-01-01", "summary": "S", "body": "B",
        "event_links": "", "is_published": "on", "image_alt": "Noise",
        "image": SimpleUploadedFile("noise.png", buffer.getvalue(), content_type="image/png"),
    }  # fmt: skip
    response = client.post(f"/manage/library/news/{post.pk}/", data)
    assert response.status_code == 400
    assert "The image is larger than 5 MB." in response.content.decode()
    assert NewsPost.objects.get(pk=post.pk).image.name == ""
