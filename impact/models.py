"""Self-assessment frameworks, assessments by organisations and students, results and plans."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.enums import OrganisationKind
from siem_portal.storage import private_storage

from .enums import (
    SCALE_MAX,
    SCALE_MIN,
    ActionStatus,
    AssessmentStatus,
    Audience,
    Phase,
    Priority,
    ReportStatus,
    RespondentRole,
)

scale_validators = [MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]


class Framework(models.Model):
    """A versioned set of dimensions and indicators. A published version is never edited in place:
    a change is a new version, so closed assessments keep the statements they were rated on."""

    slug = models.SlugField(_("slug"), max_length=100)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug", "-version"]
        verbose_name = _("framework")
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="impact_framework_unique_version")]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class Dimension(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    short_title = models.CharField(_("short title"), max_length=40, help_text=_("Used on chart axes."))
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order", "pk"]
        verbose_name = _("dimension")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="impact_dimension_unique_code")]

    def __str__(self):
        return self.title


def _levels_valid(value):
    if (
        not isinstance(value, list)
        or len(value) != SCALE_MAX - SCALE_MIN + 1
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise ValidationError(_("Describe each of the six levels, from 0 (not yet) to 5."))


class Indicator(models.Model):
    """A statement rated from 0 ("not yet") to 5; ``levels[i]`` describes what level i looks like."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("code"), max_length=60)
    statement = models.TextField(_("statement"))
    levels = models.JSONField(_("level descriptions"), validators=[_levels_valid])
    allow_not_applicable = models.BooleanField(_("'not applicable' allowed"), default=True)
    weight = models.DecimalField(
        _("weight"), max_digits=4, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dimension__order", "order", "pk"]
        verbose_name = _("indicator")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="impact_indicator_unique_code")]

    def __str__(self):
        return self.statement[:80]

    def clean(self):
        if self.dimension_id and self.framework_id and self.dimension.framework_id != self.framework_id:
            raise ValidationError({"dimension": _("The dimension belongs to another framework.")})


class Recommendation(models.Model):
    """Advice shown when an indicator's mean score falls within [min_score, max_score]."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="recommendations")
    min_score = models.DecimalField(_("from score"), max_digits=3, decimal_places=2, validators=scale_validators)
    max_score = models.DecimalField(_("to score"), max_digits=3, decimal_places=2, validators=scale_validators)
    text = models.TextField(_("recommendation"))
    # [{"title": ..., "url": "/library/<slug>/"}]: plain data, so impact does not import the library
    links = models.JSONField(_("links"), default=list, blank=True)

    class Meta:
        ordering = ["indicator", "min_score"]
        verbose_name = _("recommendation")

    def __str__(self):
        return f"{self.indicator.code} {self.min_score}–{self.max_score}"

    def clean(self):
        if self.min_score is not None and self.max_score is not None and self.min_score > self.max_score:
            raise ValidationError({"max_score": _("The range ends before it starts.")})


class Assessment(models.Model):
    """One self-assessment: by an organisation (several respondents) or personal (a student)."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="impact_assessments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="impact_assessments_started"
    )
    title = models.CharField(_("title"), max_length=200)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, blank=True, default=Phase.NONE)
    project_name = models.CharField(_("project name"), max_length=200, blank=True)
    project_number = models.CharField(
        _("Erasmus+ project number"),
        max_length=40,
        blank=True,
        help_text=_("For example 2026-1-BE05-KA220-HED-000123456."),
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    fewer_opportunities_share = models.PositiveSmallIntegerField(
        _("share with fewer opportunities (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN)
    created_at = models.DateTimeField(_("started"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # the latest closed assessment of its organisation on this framework version (benchmark peers)
    is_latest = models.BooleanField(default=False)
    share_token = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assessment")
        indexes = [models.Index(fields=["organisation", "framework", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("impact:assessment-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == AssessmentStatus.OPEN

    @property
    def is_personal(self) -> bool:
        return self.organisation_id is None

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors["period_end"] = _("The period ends before it starts.")
        if self.organisation_id is None and self.phase == Phase.NONE:
            errors["phase"] = _("Say whether this is before or after your mobility.")
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def new_share_token() -> str:
        return secrets.token_urlsafe(24)


class Respondent(models.Model):
    """A person invited to rate an assessment alone. ``user`` is emptied when the person erases
    their account: the organisation keeps the anonymous ratings it was given."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="respondents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="impact_respondents"
    )
    role = models.CharField(_("role"), max_length=20, choices=RespondentRole.choices, default=RespondentRole.STAFF)
    invited_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("respondent")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"], condition=models.Q(user__isnull=False), name="impact_respondent_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} on {self.assessment_id}"


class Rating(models.Model):
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="ratings")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="ratings")
    # None means "not applicable"
    score = models.PositiveSmallIntegerField(null=True, blank=True, validators=scale_validators)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rating")
        constraints = [models.UniqueConstraint(fields=["respondent", "indicator"], name="impact_rating_once")]

    def __str__(self):
        return f"{self.indicator_id}={self.score}"


class DimensionResult(models.Model):
    """A dimension's score of a closed assessment, written on close. The organisation kind and the
    framework are copied here so the benchmark is one indexed query without joins."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="dimension_results")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+")
    organisation_kind = models.CharField(max_length=32, choices=OrganisationKind.choices, blank=True)
    is_latest = models.BooleanField(default=False)
    mean = models.FloatField(null=True)
    respondents = models.PositiveIntegerField(default=0)
    spread = models.FloatField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "dimension"], name="impact_dimension_result_once")]
        indexes = [models.Index(fields=["framework", "organisation_kind", "is_latest"])]

    def __str__(self):
        return f"{self.assessment_id}/{self.dimension_id}: {self.mean}"


class ActionItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("priority indicator")
    )
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    target_level = models.PositiveSmallIntegerField(_("target level"), validators=scale_validators)
    actions = models.TextField(_("actions"))
    owner = models.CharField(_("owner"), max_length=150, help_text=_("Who takes this forward."))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action")

    def __str__(self):
        return self.actions[:60]


class Report(models.Model):
    """A PDF report of a closed assessment, built by a Celery task; the file is private."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="impact_reports"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    # "impact/reports/<token>.pdf" on the private storage
    file = models.FileField(storage=private_storage, upload_to="impact/reports/", max_length=300, blank=True)
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"report {self.pk} of assessment {self.assessment_id} ({self.status})"
