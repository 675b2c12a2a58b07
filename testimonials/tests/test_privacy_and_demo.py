import pytest
from django.core.management import call_command

from accounts import services as account_services
from accounts.tests.factories import UserFactory
from testimonials.enums import StoryStatus
from testimonials.models import AuthorBlock, AuthorQuestion, Story, StoryFlag
from testimonials.privacy import export_stories

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_erase_deletes_or_anonymises_per_the_authors_choice(user, other_user):
    kept = StoryFactory(author=user, on_account_deletion="anonymise", display_name="full_name", allow_questions=True)
    StoryFactory(author=user, on_account_deletion="delete", title="Goes away")
    other_story = StoryFactory(author=other_user)
    StoryFlag.objects.create(story=other_story, reporter=user, reporter_key=f"u{user.pk}", reason="spam")
    AuthorQuestion.objects.create(story=other_story, sender=user, recipient=other_user, body="hi")
    AuthorBlock.objects.create(author=other_user, blocked=user)
    account_services.account_delete(user=user)
    kept.refresh_from_db()
    assert (kept.author, kept.display_name, kept.allow_questions) == (None, "anonymous", False)
    assert kept.status == StoryStatus.PUBLISHED
    assert not Story.objects.filter(title="Goes away").exists()
    flag = StoryFlag.objects.get()
    assert flag.reporter is None
    assert AuthorQuestion.objects.count() == 0 and AuthorBlock.objects.count() == 0


def test_erase_removes_the_cover_files_of_deleted_stories(user, settings):
    import io
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from testimonials import services

    def image():
        out = io.BytesIO()
        Image.new("RGB", (40, 40), (1, 2, 3)).save(out, format="PNG")
        return SimpleUploadedFile("c.png", out.getvalue(), content_type="image/png")

    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    services.story_cover_set(story=story, user=user, image=image(), alt_text="a")
    Story.objects.filter(pk=story.pk).update(status=StoryStatus.PUBLISHED)
    services.story_cover_set(story=story, user=user, image=image(), alt_text="b")  # pending revision
    # neither the draft's cover nor the pending one is published: both are private files
    covers = Path(settings.PRIVATE_MEDIA_ROOT) / "testimonials" / "covers"
    assert len(list(covers.iterdir())) == 4
    assert not (Path(settings.MEDIA_ROOT) / "stories" / "covers").exists()
    account_services.account_delete(user=user)
    assert list(covers.iterdir()) == []


def test_export_has_my_stories_and_questions_only(user, other_user):
    StoryFactory(author=user, title="My own story")
    StoryFactory(author=other_user, title="Someone else's")
    data = export_stories(user)
    assert [s["title"] for s in data["stories"]] == ["My own story"]
    assert data["stories"][0]["publish_consent"]["version"] == "stories-publish-2026-01"


def test_seed_demo_twice_is_idempotent():
    UserFactory(email="student@example.org")
    call_command("seed_demo")
    first = Story.objects.count()
    call_command("seed_demo")
    assert Story.objects.count() == first >= 8
    assert Story.objects.filter(status=StoryStatus.SUBMITTED).count() >= 2
    assert set(Story.objects.values_list("mobility_type", flat=True)) >= {
        "study",
        "traineeship",
        "volunteering",
        "youth_exchange",
    }
    covered = Story.objects.exclude(cover_large="")
    assert covered.exists()
    # published demo stories show public covers; those waiting for moderation keep theirs private
    from pathlib import Path

    for story in covered:
        assert story.cover_large.name.startswith("private/") == (story.status != StoryStatus.PUBLISHED)
        assert Path(story.cover_card.path).exists()
    assert covered.filter(status=StoryStatus.PUBLISHED).exists()
