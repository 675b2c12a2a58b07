"""Events, their registration questions and registrations, rooms and agenda sessions."""

import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from siem_portal.storage import private_storage
from siem_portal.translatable import Translatable

from .enums import (
    ConfirmationMode,
    Decision,
    EventKind,
    EventStatus,
    ProposalKind,
    ProposalState,
    QuestionKind,
    RegistrationState,
    SessionKind,
)

TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Event(Translatable, models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.CONFERENCE)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Shown only to confirmed people."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(_("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="Europe/Brussels")
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    confirmation_mode = models.CharField(
        _("confirmation"), max_length=20, choices=ConfirmationMode.choices, default=ConfirmationMode.AUTOMATIC
    )
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    offer_hours = models.PositiveIntegerField(
        _("hours to take an offered seat"), default=48, help_text=_("How long a waitlisted person has to accept.")
    )
    accessibility_info = models.TextField(_("venue accessibility"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT)
    anonymous_review = models.BooleanField(
        _("anonymous review"), default=True, help_text=_("Reviewers do not see who submitted a proposal.")
    )
    organisers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="organised_events", blank=True)
    # {"fr": {"title": ..., "description": ...}}: English lives in the fields above (siem_portal/translatable.py)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    TRANSLATED_FIELDS = ("title", "summary", "description", "venue_name", "accessibility_info")

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("manage_events", "Can organise events")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})
        if self.registration_opens_at and self.registration_closes_at:
            if self.registration_closes_at < self.registration_opens_at:
                raise ValidationError({"registration_closes_at": _("Registration cannot close before it opens.")})

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != EventStatus.PUBLISHED or self.ends_at < now:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        if self.registration_closes_at and now > self.registration_closes_at:
            return False
        return True


class Question(models.Model):
    """A custom registration question; ``show_if_question`` / ``show_if_value`` make it conditional."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveIntegerField(default=0)
    show_if_question = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="dependants"
    )
    show_if_value = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def code(self) -> str:
        return f"q{self.pk}"


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    state = models.CharField(_("state"), max_length=20, choices=RegistrationState.choices)
    answers = models.JSONField(default=dict, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=2000)
    dietary_requirements = models.CharField(_("dietary requirements"), blank=True, max_length=500)
    pronouns = models.CharField(_("pronouns"), blank=True, max_length=50)
    support_requested = models.BooleanField(_("travel or financial support requested"), default=False)
    support_reason = models.TextField(_("reason for the support request"), blank=True, max_length=2000)
    attendee_list_consent = models.BooleanField(_("appears on the attendee list"), default=False)
    # a waitlisted registration with an offer holds a seat until the offer expires
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    checkin_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")]
        indexes = [models.Index(fields=["event", "state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"

    @property
    def has_offer(self) -> bool:
        return self.state == RegistrationState.WAITLISTED and self.offer_expires_at is not None

    @property
    def holds_seat(self) -> bool:
        return self.state == RegistrationState.CONFIRMED or self.has_offer


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="room_name_unique_per_event")]

    def __str__(self) -> str:
        return self.name


class AgendaSession(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    presenters = models.CharField(
        _("presenters"), max_length=500, blank=True, help_text=_("Names as they appear, separated by commas.")
    )
    # a poster session or an Ignite block groups many confirmed proposals
    proposals = models.ManyToManyField("Proposal", blank=True, related_name="agenda_sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at", "room__order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="agenda_session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})

    @property
    def presenter_names(self) -> list[str]:
        return [n.strip() for n in self.presenters.split(",") if n.strip()]


class Star(models.Model):
    """A session in a person's personal agenda."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_stars")
    session = models.ForeignKey(AgendaSession, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="one_star_per_session")]

    def __str__(self) -> str:
        return f"{self.user} ☆ {self.session}"


class AgendaFeed(models.Model):
    """The secret address of a person's personal iCal feed (starred sessions of every event)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"agenda feed of {self.user}"


class ProposalType(models.Model):
    """A kind of session the call for proposals accepts, with its own deadline."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="proposal_types")
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    deadline = models.DateTimeField(_("deadline"))
    abstract_max_length = models.PositiveIntegerField(_("longest abstract (characters)"), default=1500)
    description = models.CharField(_("what we ask for"), max_length=500, blank=True)

    class Meta:
        ordering = ["deadline", "kind"]
        constraints = [models.UniqueConstraint(fields=["event", "kind"], name="one_proposal_type_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.event})"

    def is_open(self, now=None) -> bool:
        return (now or timezone.now()) <= self.deadline


class Proposal(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="proposals")
    proposal_type = models.ForeignKey(ProposalType, on_delete=models.PROTECT, related_name="proposals")
    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_proposals")
    title = models.CharField(_("title"), max_length=150)
    abstract = models.TextField(_("abstract"), blank=True)
    outline = models.TextField(_("outline"), blank=True, help_text=_("For Ignite: what your 20 slides show."))
    practice = models.TextField(_("the practice you share"), blank=True)
    audience = models.CharField(_("who it is for"), max_length=300, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    accessibility_needs = models.TextField(_("accessibility needs for presenting"), blank=True)
    # "events/proposals/<id>-<random>.pdf" on the private storage
    draft_pdf = models.FileField(storage=private_storage, upload_to="events/proposals/", max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT)
    staged_decision = models.CharField(max_length=10, choices=Decision.choices, blank=True, default="")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirm_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "state"])]

    def __str__(self) -> str:
        return self.title


class CoPresenter(models.Model):
    """Someone invited by email to present with the submitter; they accept through a link."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_presenters")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150)
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="co_presentations"
    )
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    # when the sweep last queued this row again (siem_portal.jobs)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "email"], name="one_invitation_per_email")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Reviewer(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_reviews_roles")
    all_proposals = models.BooleanField(_("reviews every proposal"), default=True)
    assigned = models.ManyToManyField(Proposal, blank=True, related_name="assigned_reviewers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_reviewer_role_per_event")]

    def __str__(self) -> str:
        return f"{self.user} reviews {self.event}"


class Criterion(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_reviews")
    conflict_of_interest = models.BooleanField(_("I have a conflict of interest"), default=False)
    scores = models.JSONField(default=dict, blank=True)
    total = models.FloatField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_review_per_reviewer")]

    def __str__(self) -> str:
        return f"review of {self.proposal}"
