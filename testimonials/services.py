"""Every write of the stories app: drafting, consent, moderation, flags and the author relay."""

import logging
import uuid

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.enums import PortalRole
from accounts.models import Organisation, User
from accounts.services import notification_create
from siem_portal.exceptions import ApplicationError, ConflictError, full_clean_or_raise
from siem_portal.jobs import enqueue_on_commit
from siem_portal.markdown import markdown_render

from . import images
from .consent import BACKGROUND_CONSENT_VERSION, PUBLISH_CONSENT_VERSION
from .enums import (
    Decision,
    DisplayName,
    FlagAction,
    MessageStatus,
    RevisionStatus,
    StoryStatus,
)
from .models import AuthorBlock, AuthorQuestion, Story, StoryBackground, StoryFlag, StoryRevision, count_words
from .storage import PRIVATE_PREFIX, cover_storage, covers_move

logger = logging.getLogger(__name__)

FLAGS_TO_HIDE = 3
# the paths next to /stories/<slug>/
RESERVED_SLUGS = {"write", "mine", "questions", "feed"}
# every free text readers see: on a published story a change waits for a moderator
CONTENT_FIELDS = ("title", "summary", "body", "pseudonym", "host_institution", "period")
# applied at once, even on a published story: choices from fixed lists, or ones that protect the author
META_FIELDS = (
    "kind",
    "language",
    "mobility_type",
    "host_country",
    "home_country",
    "organisation",
    "display_name",
    "allow_questions",
    "on_account_deletion",
)
EDITABLE = (StoryStatus.DRAFT, StoryStatus.SUBMITTED, StoryStatus.CHANGES_REQUESTED, StoryStatus.PUBLISHED)


# --- helpers -----------------------------------------------------------------------------------


def _unique_slug(title: str) -> str:
    base = slugify(title)[:150] or "story"
    slug = base
    while slug in RESERVED_SLUGS or Story.objects.filter(slug=slug).exists():
        slug = f"{base}-{uuid.uuid4().hex[:6]}"
    return slug


def _render(story: Story) -> None:
    story.body_html = markdown_render(story.body, public_author=True)
    story.word_count = count_words(story.body)


def _check_organisation(author: User, organisation: Organisation | None) -> None:
    if organisation is not None and not author.memberships.filter(organisation=organisation).exists():
        raise ApplicationError(_("You can only name an organisation you are a member of."), field="organisation")


def _set_backgrounds(story: Story, backgrounds: list[str] | None, public: bool | None) -> None:
    if backgrounds is not None:
        wanted = set(backgrounds)
        StoryBackground.objects.filter(story=story).exclude(background__in=wanted).delete()
        existing = set(StoryBackground.objects.filter(story=story).values_list("background", flat=True))
        StoryBackground.objects.bulk_create(
            [StoryBackground(story=story, background=b) for b in sorted(wanted - existing)]
        )
    if public is not None and public != story.backgrounds_public:
        # showing backgrounds is its own consent, recorded with its wording and time
        story.backgrounds_public = public
        story.backgrounds_consent_version = BACKGROUND_CONSENT_VERSION if public else ""
        story.backgrounds_consent_at = timezone.now() if public else None


def _record_publish_consent(story: Story, consent: bool) -> None:
    if not consent:
        raise ApplicationError(
            _("Please agree to the publication of your story before you submit it."), field="consent"
        )
    story.publish_consent_version = PUBLISH_CONSENT_VERSION
    story.publish_consent_at = timezone.now()
    story.publish_consent_withdrawn_at = None


def _full_clean(story: Story, *, pseudonym: str | None = None) -> None:
    full_clean_or_raise(story, exclude=["slug"] if not story.slug else None)
    pseudonym = story.pseudonym if pseudonym is None else pseudonym
    if story.display_name == DisplayName.PSEUDONYM and not pseudonym.strip():
        raise ApplicationError(_("Please choose a pseudonym, or another way to show your name."), field="pseudonym")


def _notify_author(story: Story, *, decision: str, note: str, revision: bool) -> None:
    if story.author is None:
        return
    notification_create(
        recipient=story.author,
        kind="stories_decision",
        template="testimonials/decision",
        context={"story": story, "decision": decision, "note": note, "revision": revision},
        link=story.get_absolute_url() if decision == Decision.PUBLISH else reverse("testimonials:mine"),
    )


def _notify_moderators(story: Story, *, reason: str) -> None:
    """Tell the moderators (never the author, should they be one) that a story needs them."""
    moderators = User.objects.filter(groups__name=PortalRole.MODERATOR, is_active=True).exclude(pk=story.author_id)
    for moderator in moderators.distinct():
        notification_create(
            recipient=moderator,
            kind="stories_review",
            template="testimonials/review_needed",
            context={"story": story, "reason": reason},
            link=reverse("testimonials:manage-review", args=[story.slug]),
        )


# --- writing -----------------------------------------------------------------------------------


@transaction.atomic
def story_create(
    *,
    author: User,
    data: dict,
    backgrounds: list[str] | None = None,
    backgrounds_public: bool = False,
    submit: bool = False,
    consent: bool = False,
) -> Story:
    """Save a new story as a draft, or submitted for review when ``submit`` (needs ``consent``)."""
    if not author.has_perm("testimonials.add_story"):
        raise PermissionDenied(_("Please confirm your email address before you write a story."))
    story = Story(author=author, **{k: v for k, v in data.items() if k in CONTENT_FIELDS + META_FIELDS})
    _check_organisation(author, story.organisation)
    story.slug = _unique_slug(story.title)
    _render(story)
    _set_backgrounds_flag_only(story, backgrounds_public)
    if submit:
        _record_publish_consent(story, consent)
        story.status = StoryStatus.SUBMITTED
        story.submitted_at = timezone.now()
    _full_clean(story)
    story.save()
    _set_backgrounds(story, backgrounds, None)
    if submit:
        _notify_moderators(story, reason="submitted")
    return story


def _set_backgrounds_flag_only(story: Story, public: bool) -> None:
    story.backgrounds_public = False
    _set_backgrounds(story, None, public)


@transaction.atomic
def story_update(
    *,
    story: Story,
    user: User,
    data: dict,
    backgrounds: list[str] | None = None,
    backgrounds_public: bool | None = None,
    submit: bool = False,
    consent: bool = False,
) -> Story:
    """Change one's story. On a published story the free texts go into a revision for review while
    the published version stays online (a new pseudonym shows as "Anonymous" until accepted); the
    choices from fixed lists and the privacy choices apply at once."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not user.has_perm("testimonials.change_story", story):
        raise PermissionDenied
    if story.status not in EDITABLE:
        raise ConflictError(_("A rejected story cannot be changed."))
    for field in META_FIELDS:
        if field in data:
            setattr(story, field, data[field])
    _check_organisation(user, story.organisation)
    _set_backgrounds(story, backgrounds, backgrounds_public)
    content = {k: v for k, v in data.items() if k in CONTENT_FIELDS}
    pending_pseudonym = None
    notify = None
    if story.status == StoryStatus.PUBLISHED:
        changed = {k: v for k, v in content.items() if getattr(story, k) != v}
        revision = story.revisions.filter(
            status__in=[RevisionStatus.SUBMITTED, RevisionStatus.CHANGES_REQUESTED]
        ).first()
        if changed or revision:
            revision = revision or StoryRevision(story=story, **{k: getattr(story, k) for k in CONTENT_FIELDS})
            for key, value in content.items():
                setattr(revision, key, value)
            was_waiting = revision.pk is not None and revision.status == RevisionStatus.SUBMITTED
            revision.status = RevisionStatus.SUBMITTED if (submit or changed) else revision.status
            full_clean_or_raise(revision, exclude=["story"])
            revision.save()
            pending_pseudonym = revision.pseudonym
            if revision.status == RevisionStatus.SUBMITTED and not was_waiting:
                notify = "revision"
    else:
        for key, value in content.items():
            setattr(story, key, value)
        _render(story)
        if submit:
            _record_publish_consent(story, consent)
            if story.status != StoryStatus.SUBMITTED:
                notify = "submitted"
            story.status = StoryStatus.SUBMITTED
            story.submitted_at = timezone.now()
    _full_clean(story, pseudonym=pending_pseudonym)
    story.save()
    if notify:
        _notify_moderators(story, reason=notify)
    return story


@transaction.atomic
def story_submit(*, story: Story, user: User, consent: bool) -> Story:
    return story_update(story=story, user=user, data={}, submit=True, consent=consent)


@transaction.atomic
def story_consent_withdraw(*, story: Story, user: User) -> Story:
    """The author takes back their consent: the story goes offline at once and back to draft."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.author_id != user.pk:
        raise PermissionDenied
    story.status = StoryStatus.DRAFT
    story.published_at = None
    story.featured = False
    story.publish_consent_at = None
    story.publish_consent_version = ""
    story.publish_consent_withdrawn_at = timezone.now()
    covers_move(story, to_private=True)
    story.save()
    pending = story.revisions.filter(status__in=[RevisionStatus.SUBMITTED, RevisionStatus.CHANGES_REQUESTED])
    for revision in pending:
        _delete_files_on_commit(revision.cover_large.storage, (revision.cover_large.name, revision.cover_card.name))
    pending.delete()
    return story


@transaction.atomic
def story_cover_set(*, story: Story, user: User, image, alt_text: str) -> Story:
    """Check, re-encode (metadata stripped) and store a cover; the alt text is required.

    On a published story the new cover joins the pending revision and waits for a moderator,
    like a change of text; the published cover stays until then.
    """
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not user.has_perm("testimonials.change_story", story):
        raise PermissionDenied
    if story.status == StoryStatus.REJECTED:
        raise ConflictError(_("A rejected story cannot be changed."))
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ApplicationError(_("Please describe the image for people who cannot see it."), field="alt_text")
    if len(alt_text) > 250:
        raise ApplicationError(_("The description is at most 250 characters."), field="alt_text")
    renditions = {r.name: r for r in images.cover_renditions(image)}
    target = story
    notify = False
    if story.status == StoryStatus.PUBLISHED:
        target = story.revisions.filter(
            status__in=[RevisionStatus.SUBMITTED, RevisionStatus.CHANGES_REQUESTED]
        ).first() or StoryRevision(story=story, **{k: getattr(story, k) for k in CONTENT_FIELDS})
        notify = target.status != RevisionStatus.SUBMITTED or target.pk is None
        target.status = RevisionStatus.SUBMITTED
    old = (target.cover_large.name, target.cover_card.name)
    stem = uuid.uuid4().hex
    # a cover not yet published is a private file: only the author and moderators can load it
    target.cover_large = cover_storage.save(
        f"{PRIVATE_PREFIX}{stem}-large.jpg", ContentFile(renditions["large"].content)
    )
    target.cover_card = cover_storage.save(f"{PRIVATE_PREFIX}{stem}-card.jpg", ContentFile(renditions["card"].content))
    target.cover_alt = alt_text
    target.save()
    _delete_files_on_commit(target.cover_large.storage, old)
    if notify:
        _notify_moderators(story, reason="revision")
    return story


def _delete_files_on_commit(storage, names) -> None:
    names = [n for n in names if n]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


# --- moderation --------------------------------------------------------------------------------


@transaction.atomic
def story_moderate(*, story: Story, moderator: User, decision: str, note: str = "") -> Story:
    """Decide on a submitted story or on the pending revision of a published one; the author is
    emailed every decision. Asking for changes or rejecting needs a note for the author."""
    story = Story.objects.select_for_update(of=("self",)).select_related("author").get(pk=story.pk)
    if not moderator.has_perm("testimonials.moderate_story", story):
        raise PermissionDenied(_("You cannot moderate this story."))
    if decision not in Decision.values:
        raise ApplicationError(_("Unknown decision."), field="decision")
    note = (note or "").strip()
    if decision != Decision.PUBLISH and not note:
        raise ApplicationError(_("Please tell the author why, in a note."), field="note")
    now = timezone.now()
    revision = story.revisions.filter(status=RevisionStatus.SUBMITTED).first()
    if story.status == StoryStatus.PUBLISHED and revision:
        if decision == Decision.PUBLISH:
            for field in CONTENT_FIELDS:
                setattr(story, field, getattr(revision, field))
            _render(story)
            if revision.cover_large:
                # the revision hands its files to the story; the old cover goes
                _delete_files_on_commit(story.cover_large.storage, (story.cover_large.name, story.cover_card.name))
                story.cover_large, story.cover_card = revision.cover_large.name, revision.cover_card.name
                story.cover_alt = revision.cover_alt
                revision.cover_large, revision.cover_card = "", ""
                covers_move(story, to_private=False)
            revision.status = RevisionStatus.PUBLISHED
        elif decision == Decision.REQUEST_CHANGES:
            revision.status = RevisionStatus.CHANGES_REQUESTED
        else:
            _delete_files_on_commit(revision.cover_large.storage, (revision.cover_large.name, revision.cover_card.name))
            revision.cover_large, revision.cover_card = "", ""
            revision.status = RevisionStatus.REJECTED
        revision.moderator_note = note
        revision.decided_at = now
        revision.save()
        story.moderator_note = note
        story.save()
        _notify_author(story, decision=decision, note=note, revision=True)
        return story
    if story.status != StoryStatus.SUBMITTED:
        raise ConflictError(_("This story is not waiting for review."))
    story.moderator_note = note
    if decision == Decision.PUBLISH:
        if not story.publish_consent_at:
            raise ConflictError(_("The author has not agreed to publication."))
        story.status = StoryStatus.PUBLISHED
        story.published_at = now
        story.hidden_by_flags = False
        covers_move(story, to_private=False)
    elif decision == Decision.REQUEST_CHANGES:
        story.status = StoryStatus.CHANGES_REQUESTED
    else:
        story.status = StoryStatus.REJECTED
    story.save()
    _notify_author(story, decision=decision, note=note, revision=False)
    return story


@transaction.atomic
def story_feature(*, story: Story, moderator: User, featured: bool) -> Story:
    if not moderator.has_perm("testimonials.moderate_story", story):
        raise PermissionDenied
    if featured and not story.is_public:
        raise ConflictError(_("Only a published story can be featured."))
    Story.objects.filter(pk=story.pk).update(featured=featured)
    story.featured = featured
    return story


# --- readers -----------------------------------------------------------------------------------


@transaction.atomic
def story_flag(*, story: Story, reporter: User | None, reporter_key: str, reason: str, details: str = "") -> StoryFlag:
    """Record a reader's flag; the third open flag hides the story until a moderator looks."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not story.is_public:
        raise ConflictError(_("This story is not online."))
    flag = StoryFlag(story=story, reporter=reporter, reporter_key=reporter_key, reason=reason, details=details)
    full_clean_or_raise(flag, validate_constraints=False)
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError:
        raise ConflictError(_("You have already reported this story.")) from None
    if story.flags.filter(resolved_at__isnull=True).count() >= FLAGS_TO_HIDE:
        if not story.hidden_by_flags:
            story.hidden_by_flags = True
            story.save(update_fields=["hidden_by_flags", "updated_at"])
            _notify_moderators(story, reason="hidden")
    return flag


@transaction.atomic
def story_flags_resolve(*, story: Story, moderator: User, action: str, note: str = "") -> Story:
    """Close the open flags: keep the story online, or take it down and ask the author for changes."""
    story = Story.objects.select_for_update(of=("self",)).select_related("author").get(pk=story.pk)
    if not moderator.has_perm("testimonials.moderate_story", story):
        raise PermissionDenied
    if action not in FlagAction.values:
        raise ApplicationError(_("Unknown action."), field="action")
    note = (note or "").strip()
    if action == FlagAction.UNPUBLISH and not note:
        raise ApplicationError(_("Please tell the author why, in a note."), field="note")
    story.flags.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    story.hidden_by_flags = False
    if action == FlagAction.UNPUBLISH and story.status == StoryStatus.PUBLISHED:
        story.status = StoryStatus.CHANGES_REQUESTED
        story.published_at = None
        story.featured = False
        story.moderator_note = note
        covers_move(story, to_private=True)
        story.save()
        _notify_author(story, decision=Decision.REQUEST_CHANGES, note=note, revision=False)
    else:
        story.save()
    return story


@transaction.atomic
def question_ask(*, story: Story, sender: User, body: str) -> AuthorQuestion:
    """Store a reader's question to the author; it is relayed by email after commit.

    A blocked sender's question is stored as blocked and never relayed; the sender is not told,
    so blocking cannot be probed.
    """
    if not story.is_public or not story.allow_questions or story.author_id is None:
        raise ConflictError(_("The author of this story does not take questions."))
    if story.author_id == sender.pk:
        raise ApplicationError(_("You cannot ask yourself a question."), field="body")
    body = (body or "").strip()
    question = AuthorQuestion(story=story, sender=sender, recipient_id=story.author_id, body=body)
    full_clean_or_raise(question)
    if AuthorBlock.objects.filter(author_id=story.author_id, blocked=sender).exists():
        question.status = MessageStatus.BLOCKED
        question.save()
        return question
    question.save()
    from .tasks import task_relay_question

    enqueue_on_commit(task_relay_question, question.pk)
    return question


@transaction.atomic
def question_answer(*, question: AuthorQuestion, author: User, reply: str) -> AuthorQuestion:
    question = AuthorQuestion.objects.select_for_update().get(pk=question.pk)
    if question.recipient_id != author.pk:
        raise PermissionDenied
    if question.reply:
        raise ConflictError(_("You have already answered this question."))
    if question.status != MessageStatus.SENT:
        raise ConflictError(_("This question cannot be answered."))
    question.reply = (reply or "").strip()
    if not question.reply:
        raise ApplicationError(_("Please write your answer."), field="reply")
    question.reply_status = MessageStatus.PENDING
    question.replied_at = timezone.now()
    full_clean_or_raise(question)
    question.save()
    from .tasks import task_relay_answer

    enqueue_on_commit(task_relay_answer, question.pk)
    return question


@transaction.atomic
def sender_block(*, question: AuthorQuestion, author: User) -> AuthorBlock:
    if question.recipient_id != author.pk:
        raise PermissionDenied
    block, _created = AuthorBlock.objects.get_or_create(author=author, blocked_id=question.sender_id)
    AuthorQuestion.objects.filter(recipient=author, sender_id=question.sender_id, status=MessageStatus.PENDING).update(
        status=MessageStatus.BLOCKED
    )
    return block


def _relay(question: AuthorQuestion, *, to: User, template: str) -> None:
    from siem_portal.emails import email_render, email_send

    rendered = email_render(
        template, {"question": question, "story": question.story, "recipient": to}, language=to.preferred_language
    )
    email_send(to=[to.email], subject=rendered.subject, text=rendered.text, html=rendered.html)


def question_relay(*, question_id: int) -> bool:
    """Email a question to the author once; the sender's address never appears in it."""
    with transaction.atomic():
        question = (
            AuthorQuestion.objects.select_for_update()
            .select_related("story", "recipient")
            .filter(pk=question_id)
            .first()
        )
        if question is None or question.status != MessageStatus.PENDING:
            return False
        if AuthorBlock.objects.filter(author=question.recipient, blocked_id=question.sender_id).exists():
            question.status = MessageStatus.BLOCKED
            question.save(update_fields=["status"])
            return False
        _relay(question, to=question.recipient, template="testimonials/question")
        question.status = MessageStatus.SENT
        question.sent_at = timezone.now()
        question.save(update_fields=["status", "sent_at"])
    return True


def answer_relay(*, question_id: int) -> bool:
    """Email the author's answer to the reader once; the author's address never appears in it."""
    with transaction.atomic():
        question = (
            AuthorQuestion.objects.select_for_update().select_related("story", "sender").filter(pk=question_id).first()
        )
        if question is None or question.reply_status != MessageStatus.PENDING:
            return False
        _relay(question, to=question.sender, template="testimonials/answer")
        question.reply_status = MessageStatus.SENT
        question.save(update_fields=["reply_status"])
    return True


def message_relay_failed(*, question_id: int, answer: bool) -> None:
    field = "reply_status" if answer else "status"
    AuthorQuestion.objects.filter(pk=question_id, **{field: MessageStatus.PENDING}).update(
        **{field: MessageStatus.FAILED}
    )
