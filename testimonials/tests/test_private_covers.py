"""Covers of stories that are not published are private files: the author and moderators only."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from testimonials import services
from testimonials.enums import StoryStatus

from .factories import StoryFactory
from .test_images import GPS_IFD, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _upload(width=640, height=480):
    return SimpleUploadedFile("cover.jpg", jpeg_with_gps(width, height), content_type="image/jpeg")


def _draft_with_cover(user, **kwargs):
    story = StoryFactory(author=user, status=StoryStatus.DRAFT, **kwargs)
    return services.story_cover_set(story=story, user=user, image=_upload(), alt_text="A red square")


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_draft_cover_is_for_the_author_and_moderators_only(client, user, other_user, moderator, settings):
    story = _draft_with_cover(user)
    url = story.cover_large.url
    assert not url.startswith(settings.MEDIA_URL)
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.jpg"))  # nothing below MEDIA_URL at all
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    assert client.get(story.cover_card.url).status_code == 404
    for person in (user, moderator):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert "private" in response["Cache-Control"]
        image = Image.open(io.BytesIO(_body(response)))
        assert image.format == "JPEG" and image.size == (640, 480)
        assert not image.getexif().get_ifd(GPS_IFD)  # re-encoded: the location is gone


def test_author_sees_the_private_cover_on_the_draft_page(client, user, other_user):
    story = _draft_with_cover(user)
    client.force_login(user)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'src="{story.cover_large.url}"' in html
    assert client.get(story.cover_large.url).status_code == 200
    api = client.get(f"/api/v1/stories/{story.slug}/").json()
    assert api["cover"]["card"].endswith(story.cover_card.url)
    client.force_login(other_user)
    assert client.get(story.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", [StoryStatus.SUBMITTED, StoryStatus.CHANGES_REQUESTED, StoryStatus.REJECTED])
def test_covers_of_other_unpublished_states_stay_private(client, user, other_user, status):
    story = _draft_with_cover(user)
    type(story).objects.filter(pk=story.pk).update(status=status)
    client.force_login(other_user)
    assert client.get(story.cover_card.url).status_code == 404
    client.force_login(user)
    assert client.get(story.cover_card.url).status_code == 200


def test_guessed_or_malformed_names_give_404(client, user, moderator):
    _draft_with_cover(user)
    client.force_login(moderator)
    for name in ("0" * 32 + "-large.jpg", "..%2F..%2Fsettings.py", "x-large.jpg"):
        assert client.get(f"/stories/cover-files/{name}").status_code == 404


def test_publishing_moves_the_cover_to_public_media(
    client, user, moderator, settings, django_capture_on_commit_callbacks
):
    story = _draft_with_cover(user)
    private_files = [Path(story.cover_large.path), Path(story.cover_card.path)]
    services.story_submit(story=story, user=user, consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    assert story.cover_card.url.startswith(settings.MEDIA_URL)
    public = Path(settings.MEDIA_ROOT) / story.cover_card.name
    assert Image.open(public).size == (427, 320)
    assert not any(p.exists() for p in private_files)
    html = client.get("/stories/").content.decode()
    assert f'src="{story.cover_card.url}"' in html


def test_a_pending_revisions_new_cover_is_private_until_accepted(
    client, user, other_user, moderator, settings, django_capture_on_commit_callbacks
):
    story = StoryFactory(author=user)  # published
    services.story_cover_set(story=story, user=user, image=_upload(300, 200), alt_text="Proposed")
    revision = story.revisions.get()
    url = revision.cover_card.url
    assert not url.startswith(settings.MEDIA_URL)
    for person in (other_user, None):
        client.logout()
        if person:
            client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(moderator)
    review = client.get(f"/manage/stories/{story.slug}/").content.decode()
    assert f'src="{url}"' in review
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    assert story.cover_alt == "Proposed"
    assert story.cover_card.url.startswith(settings.MEDIA_URL)
    assert Image.open(Path(settings.MEDIA_ROOT) / story.cover_card.name).size == (300, 200)
    client.force_login(user)
    assert client.get(url).status_code == 404  # the private copy is gone


def test_withdrawn_consent_takes_the_cover_private_again(
    client, user, other_user, moderator, settings, django_capture_on_commit_callbacks
):
    story = _draft_with_cover(user)
    services.story_submit(story=story, user=user, consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    public = Path(settings.MEDIA_ROOT) / story.cover_large.name
    assert public.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.story_consent_withdraw(story=story, user=user)
    story.refresh_from_db()
    assert not public.exists()
    client.force_login(other_user)
    assert client.get(story.cover_large.url).status_code == 404
    client.force_login(user)
    assert client.get(story.cover_large.url).status_code == 200


def test_taken_down_after_flags_the_cover_goes_private(
    client, user, other_user, moderator, settings, django_capture_on_commit_callbacks
):
    story = _draft_with_cover(user)
    type(story).objects.filter(pk=story.pk).update(status=StoryStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    assert story.cover_card.url.startswith(settings.MEDIA_URL)
    with django_capture_on_commit_callbacks(execute=True):
        services.story_flags_resolve(story=story, moderator=moderator, action="unpublish", note="Shows a face.")
    story.refresh_from_db()
    assert story.status == StoryStatus.CHANGES_REQUESTED
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.jpg"))
    client.force_login(other_user)
    assert client.get(story.cover_card.url).status_code == 404


def test_migration_moves_existing_unpublished_covers_to_private_files(
    user, settings, django_capture_on_commit_callbacks
):
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    migration = importlib.import_module("testimonials.migrations.0004_private_covers")
    draft = StoryFactory(author=user, status=StoryStatus.DRAFT)
    published = StoryFactory(author=user)
    for story, stem in ((draft, "a" * 32), (published, "b" * 32)):
        story.cover_large = default_storage.save(f"stories/covers/{stem}-large.jpg", ContentFile(jpeg_with_gps(10, 10)))
        story.cover_card = default_storage.save(f"stories/covers/{stem}-card.jpg", ContentFile(jpeg_with_gps(10, 10)))
        story.save()
    with django_capture_on_commit_callbacks(execute=True):
        migration.covers_to_private(apps, None)
    assert not (Path(settings.MEDIA_ROOT) / "stories" / "covers" / ("a" * 32 + "-large.jpg")).exists()
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.cover_large.name == "private/" + "a" * 32 + "-large.jpg"
    assert Path(draft.cover_large.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert published.cover_large.name == "stories/covers/" + "b" * 32 + "-large.jpg"
    assert Path(published.cover_large.path).exists()


def test_unpublishing_in_the_admin_takes_the_cover_private(client, user, settings, django_capture_on_commit_callbacks):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from testimonials.models import Story

    story = _draft_with_cover(user)
    story.status = StoryStatus.PUBLISHED
    model_admin = site._registry[Story]
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.save_model(RequestFactory().post("/"), story, None, True)
    story.refresh_from_db()
    assert story.cover_card.url.startswith(settings.MEDIA_URL)
    story.status = StoryStatus.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.save_model(RequestFactory().post("/"), story, None, True)
    story.refresh_from_db()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.jpg"))
    assert client.get(story.cover_card.url).status_code == 404
    client.force_login(user)
    assert client.get(story.cover_card.url).status_code == 200
