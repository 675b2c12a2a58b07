"""Survey definitions, responses in a narrow form that suits GROUP BY, and who took part.

Anonymous surveys keep who took part (``Participation``, ``Invitation``) apart from what was
answered (``Response``, ``Answer``): no column links the two, and no IP address is stored anywhere.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .disclosure import KEY_SPACE
from .enums import (
    CHOICE_TYPES,
    Access,
    Audience,
    InvitationStatus,
    QuestionType,
    ResponseStatus,
    SurveyStatus,
    Widget,
)

MIN_K = 5


def pseudonym() -> str:
    """A random 128-bit identifier, the only name a response has in exports."""
    return secrets.token_hex(16)


def invitation_token() -> str:
    return secrets.token_urlsafe(24)


def record_key() -> int:
    """A response's random record key for the cell-key method (``surveys.disclosure``)."""
    return secrets.randbelow(KEY_SPACE)


class Translatable:
    """``translations`` holds ``{"fr": {"text": "...", "help": "..."}}``; English lives in the fields."""

    def tr(self, field: str, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        value = (self.translations or {}).get(language, {}).get(field)
        return value or getattr(self, field)


class Survey(Translatable, models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    status = models.CharField(_("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    access = models.CharField(_("who may answer"), max_length=12, choices=Access.choices, default=Access.PUBLIC)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers are stored without any link to a person. Cannot be switched off once answered."),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    consent_text = models.TextField(_("consent text"), blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=20, default="1")
    k = models.PositiveSmallIntegerField(
        _("disclosure threshold"),
        default=10,
        validators=[MinValueValidator(MIN_K)],
        help_text=_("Counts below this number are never shown in reports (at least 5)."),
    )
    retention_until = models.DateField(_("keep responses until"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    reminder_days = models.PositiveSmallIntegerField(
        _("remind after (days)"),
        null=True,
        blank=True,
        help_text=_("Invited people who have not finished get a reminder after this many days (at most 3)."),
    )
    translations = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [models.CheckConstraint(condition=models.Q(k__gte=MIN_K), name="survey_k_at_least_5")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:take", args=[self.slug])

    def clean(self):
        if self.k is not None and self.k < MIN_K:
            raise ValidationError({"k": _("The disclosure threshold cannot be below 5.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A survey must close after it opens.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == SurveyStatus.OPEN
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )

    def not_yet_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == SurveyStatus.OPEN and self.opens_at is not None and now < self.opens_at


class Section(Translatable, models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["survey", "order", "id"]

    def __str__(self):
        return self.title


class Question(Translatable, models.Model):
    """One question. A Likert matrix is a parent whose rows are child questions sharing its scale.

    Questions removed after responses exist are kept with ``removed_in_version`` so that stored
    answers still point at them.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveIntegerField(default=0)
    code = models.SlugField(_("code"), max_length=64)
    type = models.CharField(_("type"), max_length=12, choices=QuestionType.choices)
    widget = models.CharField(_("display"), max_length=10, choices=Widget.choices, default=Widget.RADIO)
    text = models.TextField(_("text"))
    help = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    special_category = models.BooleanField(
        _("special-category data"),
        default=False,
        help_text=_("Ethnicity, sexual orientation, disability, health, income: asked only after consent."),
    )
    # {"min", "max", "max_length", "pattern", "min_selections", "max_selections"}
    validation = models.JSONField(default=dict, blank=True)
    # None or {"all": [{"question": "<code>", "operator": "equals|in|not|gte|lte", "value": ...}]}
    condition = models.JSONField(null=True, blank=True)
    translations = models.JSONField(default=dict, blank=True)
    since_version = models.PositiveIntegerField(default=1)
    removed_in_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["section__order", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="question_code_unique_in_survey")]

    def __str__(self):
        return self.code

    @property
    def has_choices(self) -> bool:
        return self.type in CHOICE_TYPES or self.type == QuestionType.MATRIX


class Choice(Translatable, models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    code = models.SlugField(_("code"), max_length=64)
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveIntegerField(default=0)
    is_other = models.BooleanField(_("other, please specify"), default=False)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["question", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="choice_code_unique_in_question")]

    def __str__(self):
        return self.code


class Invitation(models.Model):
    """A personal single-use link. For anonymous surveys it never points at the response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=invitation_token)
    # the institution that issued it (invitations sent to an organisation's members): a response
    # through it is verified as that institution's
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # when the sweep last queued this row again (siem_portal.jobs)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "email"]
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="invitation_unique_email")]

    def __str__(self):
        return f"{self.email} → {self.survey_id}"

    def get_link(self) -> str:
        return settings.SITE_URL.rstrip("/") + reverse("surveys:invited", args=[self.token])


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    version = models.PositiveIntegerField(default=1)
    # null for anonymous surveys, always
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="survey_responses"
    )
    invitation = models.ForeignKey(Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pseudonym = models.CharField(max_length=32, unique=True, default=pseudonym)
    institution = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    # True when the tie to ``institution`` was verified when the response was stored: it came
    # through an invitation the institution issued, or from a verified account that is a member
    # of it. Only verified responses count in an institution's results (no padding).
    institution_verified = models.BooleanField(default=False)
    # random, drawn once, never shown: the cell-key method's record key (surveys.disclosure)
    record_key = models.PositiveSmallIntegerField(default=record_key)
    language = models.CharField(max_length=10, default="en")
    status = models.CharField(max_length=12, choices=ResponseStatus.choices, default=ResponseStatus.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # where the respondent stopped (section index) and the hash of an anonymous resume code
    step = models.PositiveSmallIntegerField(default=0)
    resume_code_hash = models.CharField(max_length=64, blank=True)
    consent = models.BooleanField(null=True)
    consent_version = models.CharField(max_length=20, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="response_one_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "invitation"],
                condition=models.Q(invitation__isnull=False),
                name="response_one_per_invitation",
            ),
        ]
        indexes = [
            models.Index(fields=["survey", "status"]),
            models.Index(fields=["survey", "institution"]),
            models.Index(fields=["survey", "institution", "institution_verified"]),
            models.Index(fields=["resume_code_hash"]),
        ]

    def __str__(self):
        return self.pseudonym


class Answer(models.Model):
    """One answer value: one row per chosen option, so reports count with a plain GROUP BY."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    # ranking position, rating, number
    value_number = models.FloatField(null=True, blank=True)
    # text, country, language, institution slug, "other, please specify"
    value_text = models.TextField(blank=True)
    value_date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["question", "choice"]),
            models.Index(fields=["question", "value_number"]),
        ]

    def __str__(self):
        return f"{self.response_id}/{self.question_id}"


class Participation(models.Model):
    """Who took part in an anonymous survey: the person or the invitation, never the response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="survey_participations"
    )
    invitation = models.OneToOneField(Invitation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"], condition=models.Q(user__isnull=False), name="participation_one_per_person"
            ),
        ]

    def __str__(self):
        return f"participation in {self.survey_id}"


from .reports.models import ReportJob, SpecialCategoryExport  # noqa: E402, F401 (reports live in surveys/reports)
