import math
import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .enums import (
    Background,
    DisplayName,
    FlagReason,
    MessageStatus,
    MobilityType,
    OnAccountDeletion,
    RevisionStatus,
    StoryKind,
    StoryStatus,
)
from .storage import cover_storage

WORDS_PER_MINUTE = 200


class Story(models.Model):
    """A testimonial or blog post by a student or an organisation.

    ``body`` is the author's Markdown; ``body_html`` is its sanitised rendering, written by the
    services whenever the body changes, so pages never render Markdown per request.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=StoryKind.choices, default=StoryKind.TESTIMONIAL)
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("story"), max_length=30000)
    body_html = models.TextField(blank=True)
    word_count = models.PositiveIntegerField(default=0)
    # PostgreSQL only: kept up to date by a trigger and GIN-indexed (migration 0002); NULL elsewhere
    search_vector = SearchVectorField(null=True, editable=False)

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="stories"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="stories"
    )
    display_name = models.CharField(
        _("show me as"), max_length=20, choices=DisplayName.choices, default=DisplayName.FIRST_NAME_COUNTRY
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=60, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")

    mobility_type = models.CharField(_("mobility type"), max_length=20, choices=MobilityType.choices)
    host_country = CountryField(_("host country"), blank=True)
    host_institution = models.CharField(_("host institution or organisation"), max_length=200, blank=True)
    home_country = CountryField(_("home country"), blank=True)
    period = models.CharField(_("period"), max_length=60, blank=True, help_text=_("For example: autumn 2025"))

    backgrounds_public = models.BooleanField(_("show my backgrounds publicly"), default=False)
    backgrounds_consent_version = models.CharField(max_length=40, blank=True)
    backgrounds_consent_at = models.DateTimeField(null=True, blank=True)

    publish_consent_version = models.CharField(max_length=40, blank=True)
    publish_consent_at = models.DateTimeField(null=True, blank=True)
    publish_consent_withdrawn_at = models.DateTimeField(null=True, blank=True)

    allow_questions = models.BooleanField(_("readers may ask me questions through the portal"), default=False)
    on_account_deletion = models.CharField(
        _("if I delete my account"),
        max_length=12,
        choices=OnAccountDeletion.choices,
        default=OnAccountDeletion.DELETE,
    )

    # private files (testimonials.storage) until the story is published, public media after
    cover_large = models.FileField(upload_to="stories/covers/", storage=cover_storage, blank=True)
    cover_card = models.FileField(upload_to="stories/covers/", storage=cover_storage, blank=True)
    cover_alt = models.CharField(_("cover image description"), max_length=250, blank=True)

    status = models.CharField(max_length=20, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    moderator_note = models.TextField(_("moderator's note"), blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    # three open flags hide a published story until a moderator has looked at it
    hidden_by_flags = models.BooleanField(default=False)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            # the list page's order over public stories, without a sort
            models.Index(
                fields=["-featured", "-published_at"],
                condition=models.Q(status="published", hidden_by_flags=False),
                name="story_public_order",
            ),
            # the feed, the API, the home block and the sitemap: newest public stories first
            models.Index(
                fields=["-published_at"],
                condition=models.Q(status="published", hidden_by_flags=False),
                name="story_public_recent",
            ),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("testimonials:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == StoryStatus.PUBLISHED and not self.hidden_by_flags

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def public_author_name(self) -> str:
        """The name readers see: only what the author chose to show, never more."""
        return self.named_author or str(_("Anonymous"))

    @property
    def named_author(self) -> str | None:
        """The chosen public name, or None for an anonymous story."""
        if self.display_name == DisplayName.FULL_NAME and self.author and self.author.full_name:
            return self.author.full_name
        if self.display_name == DisplayName.FIRST_NAME_COUNTRY and self.author and self.author.full_name:
            first = self.author.full_name.split()[0]
            return f"{first}, {self.author.country.name}" if self.author.country else first
        if self.display_name == DisplayName.PSEUDONYM and self.pseudonym:
            return self.pseudonym
        return None


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text))


class StoryBackground(models.Model):
    """A background the author identifies with; public only with the story's separate consent."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="background_tags")
    background = models.CharField(max_length=20, choices=Background.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "background"], name="story_background_unique")]
        indexes = [models.Index(fields=["background", "story"])]

    def __str__(self):
        return f"{self.story_id}: {self.background}"


class StoryRevision(models.Model):
    """An edit of a published story's free texts, reviewed while the published version stays online."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(_("title"), max_length=160)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("story"), max_length=30000)
    pseudonym = models.CharField(_("pseudonym"), max_length=60, blank=True)
    host_institution = models.CharField(_("host institution or organisation"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=60, blank=True)
    # a new cover for a published story, waiting with the rest (empty: the cover stays as it is);
    # private files until a moderator accepts it
    cover_large = models.FileField(upload_to="stories/covers/", storage=cover_storage, blank=True)
    cover_card = models.FileField(upload_to="stories/covers/", storage=cover_storage, blank=True)
    cover_alt = models.CharField(max_length=250, blank=True)
    status = models.CharField(max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.SUBMITTED)
    moderator_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"revision {self.pk} of story {self.story_id} ({self.status})"


class StoryFlag(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="story_flags"
    )
    # the account, or a keyed hash of the address for anonymous readers: one flag each per story
    reporter_key = models.CharField(max_length=80)
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["story", "reporter_key"], name="story_flag_once")]

    def __str__(self):
        return f"flag on {self.story_id}: {self.reason}"


class AuthorQuestion(models.Model):
    """A reader's question to an author, relayed by email so neither sees the other's address.

    The author may answer through the portal; the answer is relayed the same way.
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="questions")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_questions_sent")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_questions_received"
    )
    body = models.TextField(_("your question"), max_length=2000)
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    reply = models.TextField(_("your answer"), max_length=4000, blank=True)
    reply_status = models.CharField(max_length=10, choices=MessageStatus.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    # when the sweep last queued this row again (siem_portal.jobs)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "-created_at"])]

    def __str__(self):
        return f"question {self.pk} on story {self.story_id}"


class AuthorBlock(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_blocked_by")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["author", "blocked"], name="author_block_unique")]

    def __str__(self):
        return f"{self.author_id} blocks {self.blocked_id}"
