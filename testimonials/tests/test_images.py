import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from siem_portal.exceptions import ApplicationError
from testimonials import services
from testimonials.enums import StoryStatus

from .factories import StoryFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_with_gps(width=640, height=480) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "SecretCam 1.0"  # Software
    exif[GPS_IFD] = {1: "N", 2: (50.0, 50.0, 30.0), 3: "E", 4: (4.0, 21.0, 10.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload(content: bytes, name="cover.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_exif_and_gps_are_gone_from_every_stored_size(user, settings):
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)  # the upload really carries GPS
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    story = services.story_cover_set(story=story, user=user, image=upload(raw), alt_text="A red square")
    for field, box in ((story.cover_large, (1200, 800)), (story.cover_card, (480, 320))):
        path = Path(field.path)
        # a draft's cover is a private file, never below MEDIA_ROOT
        assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
        data = path.read_bytes()
        stored = Image.open(io.BytesIO(data))
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
        assert b"SecretCam" not in data and b"PhoneMaker" not in data and b"Exif" not in data
        assert stored.width <= box[0] and stored.height <= box[1]
    assert story.cover_alt == "A red square"


def test_png_with_transparency_and_webp_are_accepted(user):
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 255, 128)).save(out, format="PNG")
    services.story_cover_set(story=story, user=user, image=upload(out.getvalue(), "a.png", "image/png"), alt_text="x")
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (0, 255, 0)).save(out, format="WEBP")
    story = services.story_cover_set(
        story=story, user=user, image=upload(out.getvalue(), "a.webp", "image/webp"), alt_text="y"
    )
    assert Image.open(story.cover_card.path).size == (300, 200)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
            "cover.svg",
            "This file is not a JPEG, PNG or WebP image, or it is too large to open.",
        ),
        (
            b"<html><script>alert(1)</script></html>",
            "cover.png",
            "This file is not a JPEG, PNG or WebP image, or it is too large to open.",
        ),
        (b"", "cover.png", "The file is empty."),
    ],
)
def test_files_that_are_not_images_are_refused(user, content, name, message):
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    with pytest.raises(ApplicationError) as err:
        services.story_cover_set(story=story, user=user, image=upload(content, name, "image/png"), alt_text="x")
    assert err.value.message == message
    story.refresh_from_db()
    assert not story.cover_large


def test_gif_is_refused(user):
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    with pytest.raises(ApplicationError) as err:
        services.story_cover_set(story=story, user=user, image=upload(out.getvalue(), "a.gif"), alt_text="x")
    assert err.value.message == "Only JPEG, PNG and WebP images are accepted."


def test_decompression_bomb_is_refused(user):
    # a 20000 x 20000 single-colour PNG: tiny on disk, 400 megapixels once decoded
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG", optimize=True)
    assert len(out.getvalue()) < 5 * 1024 * 1024
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    with pytest.raises(ApplicationError) as err:
        services.story_cover_set(story=story, user=user, image=upload(out.getvalue(), "bomb.png"), alt_text="x")
    assert "too" in err.value.message


def test_more_than_5_mb_is_refused(user):
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    big = b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024)
    with pytest.raises(ApplicationError) as err:
        services.story_cover_set(story=story, user=user, image=upload(big), alt_text="x")
    assert err.value.message == "The image is larger than 5 MB."


def test_alt_text_is_required(user):
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    with pytest.raises(ApplicationError) as err:
        services.story_cover_set(story=story, user=user, image=upload(jpeg_with_gps()), alt_text="  ")
    assert err.value.field == "alt_text"


def test_new_cover_of_a_published_story_waits_for_review(user, moderator, settings, django_capture_on_commit_callbacks):
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    story = services.story_cover_set(story=story, user=user, image=upload(jpeg_with_gps()), alt_text="Old cover")
    first = Path(story.cover_large.path)
    Story = type(story)
    Story.objects.filter(pk=story.pk).update(status=StoryStatus.PUBLISHED)
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.story_cover_set(story=story, user=user, image=upload(jpeg_with_gps(300, 200)), alt_text="New cover")
    story.refresh_from_db()
    assert story.cover_alt == "Old cover"
    revision = story.revisions.get()
    assert (revision.status, revision.cover_alt) == ("submitted", "New cover")
    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    assert story.cover_alt == "New cover"
    assert Image.open(Path(settings.MEDIA_ROOT) / story.cover_card.name).size == (300, 200)  # public now
    assert not first.exists()  # the old cover's files are gone


def test_rejected_new_cover_is_deleted(user, moderator, settings, django_capture_on_commit_callbacks):
    story = StoryFactory(author=user)
    services.story_cover_set(story=story, user=user, image=upload(jpeg_with_gps()), alt_text="Proposed")
    proposed = Path(story.revisions.get().cover_large.path)
    assert proposed.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision="reject", note="Shows a face.")
    story.refresh_from_db()
    assert not story.cover_large
    assert not proposed.exists()
