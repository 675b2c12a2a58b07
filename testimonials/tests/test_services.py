import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from accounts.models import Notification
from accounts.tests.factories import MembershipFactory, UserFactory
from siem_portal.exceptions import ApplicationError, ConflictError
from testimonials import services
from testimonials.consent import BACKGROUND_CONSENT_VERSION, PUBLISH_CONSENT_VERSION
from testimonials.enums import RevisionStatus, StoryStatus
from testimonials.models import Story, StoryBackground

from .factories import StoryFactory

pytestmark = pytest.mark.django_db

DATA = {
    "title": "Lisbon on a shoestring",
    "summary": "How I made it work.",
    "body": "It was **hard** and great.",
    "mobility_type": "study",
    "host_country": "PT",
}


def test_create_draft_then_submit_records_consent(user):
    story = services.story_create(author=user, data=DATA)
    assert story.status == StoryStatus.DRAFT
    assert story.slug == "lisbon-on-a-shoestring"
    assert story.body_html == "<p>It was <strong>hard</strong> and great.</p>\n"
    with pytest.raises(ApplicationError) as err:
        services.story_submit(story=story, user=user, consent=False)
    assert err.value.field == "consent"
    story = services.story_submit(story=story, user=user, consent=True)
    assert story.status == StoryStatus.SUBMITTED
    assert story.publish_consent_version == PUBLISH_CONSENT_VERSION
    assert story.publish_consent_at is not None


def test_unverified_person_cannot_post():
    person = UserFactory(verified=False)
    with pytest.raises(PermissionDenied):
        services.story_create(author=person, data=DATA)
    assert Story.objects.count() == 0


def test_slug_is_unique_and_avoids_reserved_paths(user):
    first = services.story_create(author=user, data=DATA)
    second = services.story_create(author=user, data=DATA)
    mine = services.story_create(author=user, data={**DATA, "title": "Mine"})
    assert first.slug != second.slug
    assert second.slug.startswith("lisbon-on-a-shoestring-")
    assert mine.slug.startswith("mine-")


def test_pseudonym_choice_needs_a_pseudonym(user):
    with pytest.raises(ApplicationError) as err:
        services.story_create(author=user, data={**DATA, "display_name": "pseudonym"})
    assert err.value.field == "pseudonym"


def test_organisation_must_be_one_of_mine(user):
    other_org = MembershipFactory().organisation
    with pytest.raises(ApplicationError) as err:
        services.story_create(author=user, data={**DATA, "organisation": other_org})
    assert err.value.field == "organisation"
    mine = MembershipFactory(user=user).organisation
    assert services.story_create(author=user, data={**DATA, "organisation": mine}).organisation == mine


def test_backgrounds_public_only_with_their_own_consent(user):
    story = services.story_create(author=user, data=DATA, backgrounds=["rural", "lgbtqi"])
    assert sorted(StoryBackground.objects.filter(story=story).values_list("background", flat=True)) == [
        "lgbtqi",
        "rural",
    ]
    assert story.backgrounds_public is False
    assert story.backgrounds_consent_at is None
    story = services.story_update(story=story, user=user, data={}, backgrounds_public=True)
    assert story.backgrounds_public is True
    assert story.backgrounds_consent_version == BACKGROUND_CONSENT_VERSION
    story = services.story_update(story=story, user=user, data={}, backgrounds_public=False)
    assert (story.backgrounds_public, story.backgrounds_consent_at) == (False, None)


def test_moderator_publishes_and_author_is_emailed(user, moderator, django_capture_on_commit_callbacks):
    story = services.story_create(author=user, data=DATA, submit=True, consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert story.published_at is not None
    assert [m.subject for m in mail.outbox] == ["Your story is published: Lisbon on a shoestring"]
    assert mail.outbox[0].to == [user.email]


@pytest.mark.parametrize(
    ("decision", "status", "subject"),
    [
        ("request_changes", StoryStatus.CHANGES_REQUESTED, "The moderators ask for changes to your story"),
        ("reject", StoryStatus.REJECTED, "Your story was not accepted"),
    ],
)
def test_other_decisions_need_a_note_and_email_it(
    user, moderator, django_capture_on_commit_callbacks, decision, status, subject
):
    story = services.story_create(author=user, data=DATA, submit=True, consent=True)
    with pytest.raises(ApplicationError):
        services.story_moderate(story=story, moderator=moderator, decision=decision, note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision=decision, note="Please remove the surname.")
    story.refresh_from_db()
    assert story.status == status
    assert story.moderator_note == "Please remove the surname."
    assert mail.outbox[0].subject == f"{subject}: Lisbon on a shoestring"
    assert "Please remove the surname." in mail.outbox[0].body


def test_author_cannot_publish_own_story_even_as_moderator(moderator):
    story = services.story_create(author=moderator, data=DATA, submit=True, consent=True)
    with pytest.raises(PermissionDenied):
        services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED


def test_student_cannot_moderate(user, other_user):
    story = services.story_create(author=user, data=DATA, submit=True, consent=True)
    with pytest.raises(PermissionDenied):
        services.story_moderate(story=story, moderator=other_user, decision="publish")


def test_a_draft_cannot_be_published(user, moderator):
    story = services.story_create(author=user, data=DATA)
    with pytest.raises(ConflictError):
        services.story_moderate(story=story, moderator=moderator, decision="publish")


def test_editing_a_published_story_makes_a_revision_and_keeps_the_text_online(
    user, moderator, django_capture_on_commit_callbacks
):
    story = StoryFactory(author=user, title="Old title", body="Old text")
    services.story_update(story=story, user=user, data={"title": "New title", "body": "New *text*"})
    story.refresh_from_db()
    assert (story.status, story.title, story.body) == (StoryStatus.PUBLISHED, "Old title", "Old text")
    revision = story.revisions.get()
    assert (revision.status, revision.title) == (RevisionStatus.SUBMITTED, "New title")

    with django_capture_on_commit_callbacks(execute=True):
        services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    assert (story.title, story.body_html) == ("New title", "<p>New <em>text</em></p>\n")
    assert story.revisions.get().status == RevisionStatus.PUBLISHED
    assert mail.outbox[0].subject == "Your changes are online: New title"


def test_rejecting_a_revision_keeps_the_published_version(user, moderator):
    story = StoryFactory(author=user, title="Old title")
    services.story_update(story=story, user=user, data={"title": "Bad title"})
    services.story_moderate(story=story, moderator=moderator, decision="reject", note="No.")
    story.refresh_from_db()
    assert (story.status, story.title) == (StoryStatus.PUBLISHED, "Old title")
    assert Notification.objects.get(recipient=user).kind == "stories_decision"


def test_other_person_cannot_edit(user, other_user):
    story = StoryFactory(author=user, status=StoryStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.story_update(story=story, user=other_user, data={"title": "Mine now"})


def test_withdrawing_consent_unpublishes_at_once(user):
    story = StoryFactory(author=user, featured=True)
    services.story_consent_withdraw(story=story, user=user)
    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT
    assert (story.published_at, story.featured, story.publish_consent_at) == (None, False, None)
    assert story.publish_consent_withdrawn_at is not None


def test_three_flags_hide_the_story_until_a_moderator_looks(moderator):
    story = StoryFactory()
    for n in range(2):
        services.story_flag(story=story, reporter=None, reporter_key=f"k{n}", reason="spam")
    story.refresh_from_db()
    assert story.hidden_by_flags is False
    with pytest.raises(ConflictError):
        services.story_flag(story=story, reporter=None, reporter_key="k1", reason="spam")
    services.story_flag(story=story, reporter=None, reporter_key="k3", reason="hateful")
    story.refresh_from_db()
    assert story.hidden_by_flags is True
    services.story_flags_resolve(story=story, moderator=moderator, action="keep")
    story.refresh_from_db()
    assert story.hidden_by_flags is False
    assert story.flags.filter(resolved_at__isnull=True).count() == 0


def test_taking_a_flagged_story_down_asks_the_author_for_changes(moderator, django_capture_on_commit_callbacks):
    story = StoryFactory()
    services.story_flag(story=story, reporter=None, reporter_key="k", reason="personal_data")
    with django_capture_on_commit_callbacks(execute=True):
        services.story_flags_resolve(story=story, moderator=moderator, action="unpublish", note="A classmate is named.")
    story.refresh_from_db()
    assert story.status == StoryStatus.CHANGES_REQUESTED
    assert "A classmate is named." in mail.outbox[0].body


def test_feature_only_public_stories(moderator):
    draft = StoryFactory(status=StoryStatus.SUBMITTED)
    with pytest.raises(ConflictError):
        services.story_feature(story=draft, moderator=moderator, featured=True)
    story = StoryFactory()
    services.story_feature(story=story, moderator=moderator, featured=True)
    story.refresh_from_db()
    assert story.featured is True


def test_a_new_pseudonym_on_a_published_story_waits_for_review(user, moderator):
    story = StoryFactory(author=user, display_name="anonymous", host_institution="Old host")
    services.story_update(
        story=story, user=user, data={"display_name": "pseudonym", "pseudonym": "Rude Word", "host_institution": "X"}
    )
    story.refresh_from_db()
    assert (story.display_name, story.pseudonym, story.host_institution) == ("pseudonym", "", "Old host")
    assert story.public_author_name == "Anonymous"
    services.story_moderate(story=story, moderator=moderator, decision="request_changes", note="Another name please.")
    services.story_update(story=story, user=user, data={"pseudonym": "Kind Heron"}, submit=True)
    services.story_moderate(story=story, moderator=moderator, decision="publish")
    story.refresh_from_db()
    assert (story.public_author_name, story.host_institution) == ("Kind Heron", "X")


def test_moderators_hear_of_submissions_edits_and_hidden_stories(user, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = services.story_create(author=user, data=DATA, submit=True, consent=True)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([moderator.email], "A new story needs review: Lisbon on a shoestring")
    ]
    assert "/manage/stories/lisbon-on-a-shoestring/" in mail.outbox[0].body
    services.story_moderate(story=story, moderator=moderator, decision="publish")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.story_update(story=story, user=user, data={"body": "Better text."})
        services.story_update(story=story, user=user, data={"body": "Even better text."})
    assert [m.subject for m in mail.outbox if m.to == [moderator.email]] == [
        "Changes to a published story need review: Lisbon on a shoestring"
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            services.story_flag(story=story, reporter=None, reporter_key=f"r{n}", reason="spam")
    assert [m.subject for m in mail.outbox] == ["A story was hidden after readers' reports: Lisbon on a shoestring"]


def test_a_moderator_is_not_told_about_their_own_story(moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.story_create(author=moderator, data=DATA, submit=True, consent=True)
    assert mail.outbox == []
