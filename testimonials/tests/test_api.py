import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.tests.factories import UserFactory
from testimonials.enums import StoryStatus
from testimonials.models import Story, StoryBackground

from .factories import StoryFactory
from .safety import XSS_PAYLOADS, active_content

pytestmark = pytest.mark.django_db

NEW = {
    "title": "API story",
    "summary": "Written through the API.",
    "body": "Hello **API**.",
    "mobility_type": "traineeship",
    "host_country": "LV",
}


def test_list_is_published_only_with_the_page_filters(api_client):
    StoryFactory(title="Online", mobility_type="volunteering")
    StoryFactory(title="Online study", mobility_type="study")
    StoryFactory(title="Draft", status=StoryStatus.DRAFT)
    StoryFactory(title="Hidden", hidden_by_flags=True)
    data = api_client.get("/api/v1/stories/").json()
    assert data["count"] == 2
    assert {s["title"] for s in data["results"]} == {"Online", "Online study"}
    assert "status" not in data["results"][0] and "author" not in data["results"][0]
    filtered = api_client.get("/api/v1/stories/?mobility=volunteering").json()
    assert [s["title"] for s in filtered["results"]] == ["Online"]


@pytest.mark.parametrize("count", [5, 50])
def test_list_query_count_does_not_grow(api_client, django_assert_max_num_queries, count):
    for story in StoryFactory.create_batch(count):
        StoryBackground.objects.create(story=story, background="rural")
    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v1/stories/")
    assert response.status_code == 200


def test_retrieve_hides_drafts_from_others(api_client, user, other_user):
    draft = StoryFactory(author=user, status=StoryStatus.DRAFT)
    assert api_client.get(f"/api/v1/stories/{draft.slug}/").status_code == 404
    api_client.force_authenticate(other_user)
    assert api_client.get(f"/api/v1/stories/{draft.slug}/").status_code == 404
    api_client.force_authenticate(user)
    body = api_client.get(f"/api/v1/stories/{draft.slug}/").json()
    assert body["status"] == "draft"
    assert "author" not in body  # even the author gets the public view of identity plus the status


def test_create_needs_a_verified_account(api_client):
    assert api_client.post("/api/v1/stories/", NEW, format="json").status_code in (401, 403)
    api_client.force_authenticate(UserFactory(verified=False))
    assert api_client.post("/api/v1/stories/", NEW, format="json").status_code == 403
    assert Story.objects.count() == 0


def test_create_draft_and_submitted(api_client, user):
    api_client.force_authenticate(user)
    response = api_client.post("/api/v1/stories/", NEW, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert response.json()["body_html"] == "<p>Hello <strong>API</strong>.</p>\n"
    response = api_client.post("/api/v1/stories/", {**NEW, "submit": True}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "consent": ["Please agree to the publication of your story before you submit it."]
    }
    response = api_client.post("/api/v1/stories/", {**NEW, "submit": True, "consent": True}, format="json")
    assert response.json()["status"] == "submitted"


def test_bad_input_gives_400_not_500(api_client, user):
    api_client.force_authenticate(user)
    response = api_client.post("/api/v1/stories/", {**NEW, "title": "x" * 500, "mobility_type": "moon"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Please correct the errors.",
        "errors": {
            "title": ["Ensure this field has no more than 160 characters."],
            "mobility_type": ['"moon" is not a valid choice.'],
        },
    }
    response = api_client.post("/api/v1/stories/", {**NEW, "host_country": "ZZ"}, format="json")
    assert response.status_code == 400
    assert Story.objects.count() == 0


def test_patch_own_draft_only(api_client, user, other_user):
    draft = StoryFactory(author=user, status=StoryStatus.DRAFT)
    others = StoryFactory(author=other_user)
    api_client.force_authenticate(user)
    response = api_client.patch(f"/api/v1/stories/{draft.slug}/", {"title": "Renamed"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Renamed"
    response = api_client.patch(f"/api/v1/stories/{others.slug}/", {"title": "Stolen"}, format="json")
    assert response.status_code == 403
    others.refresh_from_db()
    assert others.title != "Stolen"


def test_cover_upload(api_client, user):
    draft = StoryFactory(author=user, status=StoryStatus.DRAFT)
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 20, 30)).save(out, format="JPEG")
    image = SimpleUploadedFile("c.jpg", out.getvalue(), content_type="image/jpeg")
    api_client.force_authenticate(user)
    response = api_client.post(f"/api/v1/stories/{draft.slug}/cover/", {"image": image}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"] == {"alt_text": ["This field is required."]}
    image.seek(0)
    response = api_client.post(
        f"/api/v1/stories/{draft.slug}/cover/", {"image": image, "alt_text": "Dark blue"}, format="multipart"
    )
    assert response.status_code == 200
    assert response.json()["cover"]["alt"] == "Dark blue"
    html = SimpleUploadedFile("c.png", b"<html><script>alert(1)</script>", content_type="image/png")
    response = api_client.post(
        f"/api/v1/stories/{draft.slug}/cover/", {"image": html, "alt_text": "x"}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["image"] == [
        "This file is not a JPEG, PNG or WebP image, or it is too large to open."
    ]


def test_moderation_endpoint(api_client, user, moderator, django_capture_on_commit_callbacks):
    story = StoryFactory(author=user, status=StoryStatus.SUBMITTED, title="To review")
    api_client.force_authenticate(user)
    response = api_client.post(f"/api/v1/stories/{story.slug}/moderation/", {"decision": "publish"}, format="json")
    assert response.status_code == 403
    api_client.force_authenticate(moderator)
    response = api_client.post(f"/api/v1/stories/{story.slug}/moderation/", {"decision": "maybe"}, format="json")
    assert response.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            f"/api/v1/stories/{story.slug}/moderation/", {"decision": "publish", "note": "Lovely."}, format="json"
        )
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert response.json()["author"]["email"] == user.email  # moderators see who wrote it
    assert mail.outbox[0].to == [user.email]
    again = api_client.post(f"/api/v1/stories/{story.slug}/moderation/", {"decision": "publish"}, format="json")
    assert again.status_code == 409


def test_xss_corpus_is_inert_in_the_api(api_client):
    for n, payload in enumerate(XSS_PAYLOADS):
        StoryFactory(slug=f"xss-{n}", body=f"{payload}\n\n[x]({payload})")
    for story in api_client.get("/api/v1/stories/?page=1").json()["results"]:
        assert active_content(story["body_html"]) == []
